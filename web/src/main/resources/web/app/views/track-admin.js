// Corrections and takedowns (operator): find a track by title or id, see its current revision in
// ingestion-service, correct its fields (PATCH: a new revision) or take it down (DELETE, confirmed).

import { get, query, request, search } from '../api.js';
import { metadataFields } from '../operator-ui.js';
import { artistsOf, attempt, clearError, duration, el, showError } from '../ui.js';

const TRACK_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function trackAddress(id) {
  return `#/admin/tracks/${encodeURIComponent(id)}`;
}

/** The finder: a track id goes straight to its page; other text searches titles, artists and albums. */
function finder(initial, onSearch) {
  const input = el('input', { id: 'track-find', name: 'q', type: 'search', value: initial, autocomplete: 'off', spellcheck: false,
    'aria-describedby': 'track-find-hint' });
  const form = el('form', { id: 'track-find-form', role: 'search', className: 'operator-form inline' },
    el('label', { for: 'track-find' }, 'Find a track'), el('div', { className: 'row' }, input, el('button', { type: 'submit' }, 'Find')),
    el('small', { id: 'track-find-hint', className: 'hint' }, 'A title, an artist, or a track id'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (TRACK_ID.test(text)) {
      window.location.hash = trackAddress(text);
    } else if (text) {
      onSearch(text);
    }
  });
  return form;
}

function renderFinder(view, text) {
  const status = el('p', { id: 'track-find-status', className: 'status', 'aria-live': 'polite' });
  const results = el('ol', { id: 'track-find-results', className: 'results', 'aria-label': 'Tracks found' });
  let pending = null;
  async function find(words) {
    pending?.abort();
    pending = new AbortController();
    if (`#/admin/tracks${query({ q: words })}` !== window.location.hash) {
      // The address keeps the search, so that coming back from a track shows the same list.
      window.history.replaceState(null, '', `#/admin/tracks${query({ q: words })}`);
    }
    status.textContent = 'Searching…';
    try {
      const answer = await search(words, pending.signal);
      results.replaceChildren(...answer.items.map((track) => el('li', { 'data-track-id': track.trackId },
        el('div', { className: 'text' }, el('span', { className: 'title' }, track.title),
          el('div', { className: 'meta' }, [artistsOf(track), track.album, track.year].filter(Boolean).join(' · '))),
        el('div', { className: 'actions' }, el('a', { className: 'button', href: trackAddress(track.trackId), 'aria-label': `Correct ${track.title} by ${artistsOf(track)}` }, 'Correct')))));
      status.textContent = answer.total === 0 ? `No track matches “${words}” (taken-down tracks are not searchable: use their id).`
        : `${answer.total} ${answer.total === 1 ? 'track' : 'tracks'} for “${words}”.`;
      clearError();
    } catch (failure) {
      if (failure.name !== 'AbortError') {
        status.textContent = '';
        showError(failure);
      }
    }
  }
  view.append(el('h2', { id: 'view-heading' }, 'Corrections and takedowns'), finder(text, find), status, results);
  view.querySelector('#track-find').focus();
  if (text) {
    find(text);
  }
  return () => pending?.abort();
}

function facts(track) {
  const row = (label, value, id) => [el('dt', {}, label), el('dd', { id }, value)];
  return el('dl', { className: 'facts', id: 'track-facts' },
    ...row('Track id', el('code', {}, track.id)),
    ...row('Revision', String(track.revision), 'fact-revision'),
    ...row('Status', track.status === 'TAKEN_DOWN' ? 'Taken down' : 'Available', 'fact-status'),
    ...row('Title', track.title, 'fact-title'),
    ...row('Artists', artistsOf(track)),
    ...row('Duration', duration(track.durationMs / 1000)),
    ...row('Audio', [track.media?.codec, track.media?.bitrateKbps ? `${track.media.bitrateKbps} kbit/s` : null,
      track.media?.sampleRateHz ? `${track.media.sampleRateHz} Hz` : null].filter(Boolean).join(', ')),
    ...row('Plays in', (track.territories || []).length ? track.territories.join(', ') : 'every territory'),
    ...row('Recorded', `${new Date(track.recordedAt).toLocaleString()}${track.recordedBy ? ` by ${track.recordedBy}` : ''}`));
}

function renderTrack(view, id) {
  const heading = el('h2', { id: 'view-heading' }, 'Track');
  const status = el('p', { id: 'track-status-line', className: 'status', 'aria-live': 'polite' });
  const body = el('div', { id: 'track-admin' });
  view.append(heading, el('p', {}, el('a', { href: '#/admin/tracks' }, 'Find another track')), status, body);
  const calls = new AbortController();

  function show(track, message) {
    heading.textContent = `Track: ${track.title}`;
    document.title = `Music: ${track.title} (operator)`;
    status.textContent = message || '';
    const fields = metadataFields('track', 'Correct the metadata', track);
    const save = el('button', { type: 'submit', id: 'track-save' }, 'Save corrections');
    const form = el('form', { id: 'track-form', className: 'operator-form' }, fields.fieldset, el('div', { className: 'buttons' }, save));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const changes = fields.changes(track);
      if (Object.keys(changes).length === 0) {
        status.textContent = 'Nothing changed.';
        return;
      }
      save.disabled = true;
      const corrected = await attempt(async () => (await request('PATCH', `/ingestion/tracks/${encodeURIComponent(id)}`, { body: changes, signal: calls.signal })).body);
      save.disabled = false;
      if (corrected) {
        show(corrected, `Revision ${corrected.revision} saved: ${Object.keys(changes).join(', ')} corrected.`);
      }
    });
    body.replaceChildren(facts(track), form, takedown(track));
  }

  function takedown(track) {
    const section = el('section', { className: 'danger-zone', 'aria-labelledby': 'takedown-heading' },
      el('h3', { id: 'takedown-heading' }, 'Take down'));
    if (track.status === 'TAKEN_DOWN') {
      section.append(el('p', {}, 'This track is taken down: it no longer plays and no longer shows in search or the catalog.'));
      return section;
    }
    const ask = el('button', { type: 'button', id: 'takedown-start', className: 'danger' }, 'Take down…');
    const confirmation = el('div', { id: 'takedown-confirm', role: 'group', 'aria-labelledby': 'takedown-question', hidden: true },
      el('p', { id: 'takedown-question' }, `Take down “${track.title}”? Listeners can no longer play it; the revision stays in the history.`));
    const yes = el('button', { type: 'button', id: 'takedown-yes', className: 'danger' }, 'Yes, take it down');
    const no = el('button', { type: 'button', id: 'takedown-no', className: 'secondary' }, 'Cancel');
    confirmation.append(el('div', { className: 'buttons' }, yes, no));
    ask.addEventListener('click', () => {
      ask.hidden = true;
      confirmation.hidden = false;
      no.focus();
    });
    no.addEventListener('click', () => {
      confirmation.hidden = true;
      ask.hidden = false;
      ask.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      const removed = await attempt(async () => (await request('DELETE', `/ingestion/tracks/${encodeURIComponent(track.id)}`, { signal: calls.signal })).body);
      yes.disabled = false;
      if (removed) {
        show(removed, `Taken down: revision ${removed.revision}.`);
      }
    });
    section.append(el('p', {}, 'Stops it playing everywhere and removes it from search and the catalog.'), ask, confirmation);
    return section;
  }

  status.textContent = 'Loading…';
  attempt(() => get(`/ingestion/tracks/${encodeURIComponent(id)}`, calls.signal)).then((track) => {
    if (track) {
      show(track);
    } else {
      status.textContent = '';
    }
  });
  return () => calls.abort();
}

export function render(view, [id], params) {
  return id ? renderTrack(view, id) : renderFinder(view, params.get('q') || '');
}
