// The page's only way to the platform: the web app's relay (/relay/api/...), which adds the signed-in
// user's token; the page never holds one. Writes echo the CSRF token cookie in X-XSRF-TOKEN.

const RELAY = '/relay/api';

/** A failed call, carrying the problem+json title the page shows. */
export class ApiError extends Error {
  constructor(status, title) {
    super(title);
    this.status = status;
  }
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

async function problemOf(response) {
  let title = '';
  try {
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      title = (await response.json()).title || '';
    }
  } catch (ignored) {
    // A body that is not JSON: the status below says enough.
  }
  return new ApiError(response.status, title || `The platform answered ${response.status} ${response.statusText}`.trim());
}

async function call(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.json();
}

/** Who is signed in; also hands the page its CSRF token cookie. */
export function session() {
  return call('/session', { headers: { Accept: 'application/json' } });
}

/** GET /api/search: ranked tracks, typos forgiven. */
export function search(query, signal) {
  const params = new URLSearchParams({ q: query, size: '20' });
  return call(`${RELAY}/search?${params}`, { signal, headers: { Accept: 'application/json' } });
}

/** GET /api/search/suggest: completions of the first letters (titles, artists, albums), typos forgiven. */
export function suggest(query, signal) {
  const params = new URLSearchParams({ q: query, size: '8' });
  return call(`${RELAY}/search/suggest?${params}`, { signal, headers: { Accept: 'application/json' } });
}

/** POST /api/playback/tracks/{id}/play: a signed URL to the audio, straight from the storage. */
export function play(trackId) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken() };
  if (window.crypto && typeof window.crypto.randomUUID === 'function') {
    // The same press retried gets the same play, counted once.
    headers['Idempotency-Key'] = window.crypto.randomUUID();
  }
  return call(`${RELAY}/playback/tracks/${encodeURIComponent(trackId)}/play`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ platform: 'web', device: /Mobi/.test(navigator.userAgent) ? 'phone' : 'computer' }),
  });
}
