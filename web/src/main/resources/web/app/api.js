// The page's only way to the platform: the web app's relay (/relay/api/...), which adds the signed-in
// user's token; the page never holds one. Writes echo the CSRF token cookie in X-XSRF-TOKEN.

export const RELAY = '/relay/api';

/** A failed call, carrying the problem+json title the page shows, the problem, and the answer's headers. */
export class ApiError extends Error {
  constructor(status, title, problem = {}, headers = new Headers()) {
    super(title);
    this.status = status;
    this.problem = problem;
    this.headers = headers;
  }
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((entry) => entry.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

async function problemOf(response) {
  let problem = {};
  try {
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      problem = await response.json();
    }
  } catch (ignored) {
    // A body that is not JSON: the status below says enough.
  }
  const title = problem.title || `The platform answered ${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, title, problem, response.headers);
}

async function bodyOf(response) {
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

/**
 * Any call to the public API through the relay: {@code path} is the API's path after "/api"
 * ("/catalog/artists?page=0"). Answers {status, headers, body}; throws an ApiError carrying the
 * problem's title for a 4xx or 5xx. Writes carry the CSRF header; an object body is sent as JSON.
 */
export async function request(method, path, { body, headers = {}, signal } = {}) {
  const sent = { Accept: 'application/json', ...headers };
  if (method !== 'GET' && method !== 'HEAD') {
    sent['X-XSRF-TOKEN'] = csrfToken();
  }
  let payload = body;
  if (body !== undefined && body !== null && typeof body === 'object' && !(body instanceof Blob) && !(body instanceof FormData)) {
    sent['Content-Type'] = sent['Content-Type'] || 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(`${RELAY}${path}`, { method, headers: sent, body: payload, signal, credentials: 'same-origin' });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return { status: response.status, headers: response.headers, body: await bodyOf(response) };
}

/** GET through the relay, answering the body. */
export async function get(path, signal) {
  return (await request('GET', path, { signal })).body;
}

/** A query string from an object, leaving out empty values. */
export function query(params) {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== null && value !== '');
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
}

/** Who is signed in ({username, roles}); also hands the page its CSRF token cookie. */
export async function session() {
  const response = await fetch('/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw await problemOf(response);
  }
  return response.json();
}

/** GET /api/search: ranked tracks, typos forgiven. */
export function search(text, signal) {
  return get(`/search${query({ q: text, size: 20 })}`, signal);
}

/** GET /api/search/suggest: completions of the first letters (titles, artists, albums), typos forgiven. */
export function suggest(text, signal) {
  return get(`/search/suggest${query({ q: text, size: 8 })}`, signal);
}

/** POST /api/playback/tracks/{id}/play: a signed URL to the audio, straight from the storage. */
export async function play(trackId) {
  const headers = {};
  if (window.crypto && typeof window.crypto.randomUUID === 'function') {
    // The same press retried gets the same play, counted once.
    headers['Idempotency-Key'] = window.crypto.randomUUID();
  }
  const device = /Mobi/.test(navigator.userAgent) ? 'phone' : 'computer';
  return (await request('POST', `/playback/tracks/${encodeURIComponent(trackId)}/play`, { headers, body: { platform: 'web', device } })).body;
}
