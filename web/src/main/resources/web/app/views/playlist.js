// One playlist: its entries in order (play from any, the rest queued), and for its owner and
// collaborators add, remove, move up or down, rename; for its owner share links and deletion. Other
// listeners' changes arrive live from the stream and are announced; a change made on an older
// version (412) says so and reloads.

import { ApiError, RELAY } from '../api.js';
import { playTracks } from '../player.js';
import { CONFLICT, change, entries, invite, isConflict, playlist } from '../playlists-api.js';
import { refreshPlaylists } from '../routes-playlists.js';
import { announce, attempt, el, fromCatalog, showError, trackItem } from '../ui.js';

const VERBS = { add: 'added', remove: 'removed', move: 'moved', update: 'changed', join: 'joined', leave: 'left', delete: 'deleted' };

export function render(view, [id]) {
  const heading = el('h2', { id: 'view-heading' }, 'Playlist');
  const about = el('p', { className: 'meta', id: 'playlist-about' });
  const description = el('p', { id: 'playlist-description-text' });
  const live = el('p', { id: 'playlist-live', className: 'status', 'aria-live': 'polite' });
  const list = el('ol', { id: 'playlist-entries', className: 'results', 'aria-label': 'Tracks of the playlist' });
  const empty = el('p', { className: 'status', hidden: true }, 'No track yet: add some with “Add to playlist” on any track.');
  const more = el('button', { type: 'button', hidden: true }, 'Show more tracks');
  const tools = el('div', { className: 'playlist-tools' });
  view.append(heading, about, description, live, list, empty, more, tools);

  const stream = { source: null };
  let current = null;
  let loaded = [];
  let cursor = null;
  let closed = false;

  const canEdit = () => current && (current.yourRole === 'OWNER' || current.yourRole === 'COLLABORATOR');
  const isOwner = () => current && current.yourRole === 'OWNER';

  // A change made on the version shown; a 412 reloads and says why.
  async function edit(method, path, body, done) {
    try {
      await change(method, id, path, current.version, body);
      if (done) {
        announce(done);
      }
    } catch (failure) {
      showError(isConflict(failure) ? new ApiError(412, CONFLICT) : failure);
    }
    await reload();
  }

  function entryRow(entry, index) {
    const track = entry.track ? fromCatalog(entry.track) : { trackId: entry.trackId, title: 'A track no longer in the catalog', artists: [] };
    const actions = [];
    if (canEdit()) {
      actions.push(
        el('button', { type: 'button', className: 'small', disabled: index === 0, 'aria-label': `Move ${track.title} up`,
          onclick: () => edit('PATCH', `/tracks/${entry.id}`, { index: index - 1 }, `Moved ${track.title} up.`) }, '↑'),
        el('button', { type: 'button', className: 'small', disabled: index === loaded.length - 1 && !cursor, 'aria-label': `Move ${track.title} down`,
          onclick: () => edit('PATCH', `/tracks/${entry.id}`, { index: index + 1 }, `Moved ${track.title} down.`) }, '↓'),
        el('button', { type: 'button', className: 'small secondary', 'aria-label': `Remove ${track.title} from the playlist`,
          onclick: () => edit('DELETE', `/tracks/${entry.id}`, undefined, `Removed ${track.title}.`) }, 'Remove'));
    }
    const playable = loaded.filter((candidate) => candidate.playable && candidate.track);
    const row = trackItem(track, () => playTracks(playable.map((candidate) => fromCatalog(candidate.track)), playable.indexOf(entry)), ...actions);
    row.dataset.entryId = entry.id;
    if (!entry.playable) {
      row.classList.add('unavailable');
      row.querySelector('button.play').disabled = true;
      row.querySelector('.meta').append(' · no longer available');
    }
    return row;
  }

  function show() {
    heading.textContent = current.name;
    document.title = `Music: ${current.name}`;
    const role = { OWNER: 'Yours', COLLABORATOR: `Shared with you by ${current.owner?.name || 'its owner'}`, VIEWER: `By ${current.owner?.name || 'another listener'}` };
    about.textContent = [role[current.yourRole], `${current.trackCount} ${current.trackCount === 1 ? 'track' : 'tracks'}`,
      current.visibility === 'PUBLIC' ? 'public' : 'private',
      current.collaborators ? `${current.collaborators} ${current.collaborators === 1 ? 'collaborator' : 'collaborators'}` : null]
      .filter(Boolean).join(' · ');
    description.textContent = current.description || '';
    list.replaceChildren(...loaded.map(entryRow));
    empty.hidden = loaded.length > 0;
    more.hidden = !cursor;
  }

  async function loadPage() {
    const page = await entries(id, cursor);
    loaded.push(...page.items);
    cursor = page.nextCursor || null;
  }

  // Reads the playlist and as many entries as were shown again.
  async function reload() {
    const shown = Math.max(loaded.length, 1);
    try {
      current = await playlist(id);
      loaded = [];
      cursor = null;
      do {
        await loadPage();
      } while (cursor && loaded.length < shown);
      show();
      tools.replaceChildren(...editTools());
    } catch (failure) {
      showError(failure);
    }
  }

  function editTools() {
    const parts = [];
    if (canEdit()) {
      const name = el('input', { id: 'playlist-rename', value: current.name, required: true, maxLength: 200, autocomplete: 'off' });
      const text = el('input', { id: 'playlist-describe', value: current.description || '', maxLength: 2000, autocomplete: 'off' });
      const form = el('form', { id: 'playlist-edit', className: 'stack', 'aria-labelledby': 'edit-heading' },
        el('h3', { id: 'edit-heading' }, 'Name and description'),
        el('label', { for: 'playlist-rename' }, 'Name'), name,
        el('label', { for: 'playlist-describe' }, 'Description'), text,
        el('button', { type: 'submit', id: 'playlist-save' }, 'Save'));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        edit('PATCH', '', { name: name.value.trim(), description: text.value.trim() }, 'Saved.').then(refreshPlaylists);
      });
      parts.push(form);
    }
    if (isOwner()) {
      const link = el('input', { id: 'share-link', readOnly: true, hidden: true, 'aria-label': 'Share link' });
      const make = el('button', { type: 'button', id: 'share-make' }, 'Make a share link');
      make.addEventListener('click', async () => {
        const invitation = await attempt(() => invite(id));
        if (invitation) {
          link.value = `${window.location.origin}/#/playlists/${encodeURIComponent(id)}/join?invitation=${encodeURIComponent(invitation.token)}`;
          link.hidden = false;
          link.select();
          announce('Share link made: whoever opens it may edit this playlist with you.');
        }
      });
      const remove = el('button', { type: 'button', id: 'playlist-delete', className: 'secondary' }, 'Delete the playlist');
      remove.addEventListener('click', async () => {
        if (!window.confirm(`Delete “${current.name}” for you and its collaborators?`)) {
          return;
        }
        try {
          await change('DELETE', id, '', current.version);
          await refreshPlaylists();
          window.location.hash = '#/playlists';
        } catch (failure) {
          showError(isConflict(failure) ? new ApiError(412, CONFLICT) : failure);
          await reload();
        }
      });
      parts.push(el('section', { className: 'stack', 'aria-labelledby': 'share-heading' },
        el('h3', { id: 'share-heading' }, 'Share'),
        el('p', { className: 'meta' }, 'Anyone who opens a share link while signed in becomes a collaborator.'), make, link, remove));
    }
    return parts;
  }

  // Live: each change to this playlist, by anyone, as it happens (EventSource resumes by itself with
  // Last-Event-ID after a lost connection).
  function listen() {
    stream.source = new EventSource(`${RELAY}/catalog/me/stream?playlist=${encodeURIComponent(id)}`);
    stream.source.addEventListener('playlist', async (event) => {
      const changed = JSON.parse(event.data);
      if (changed.playlistId !== id || (current && changed.version <= current.version)) {
        return;
      }
      if (changed.change === 'delete') {
        live.textContent = `${changed.byName || 'Its owner'} deleted this playlist.`;
        list.replaceChildren();
        tools.replaceChildren();
        stream.source.close();
        return;
      }
      await reload();
      const titles = changed.change === 'add' ? loaded.filter((entry) => (changed.entryIds || []).includes(entry.id))
        .map((entry) => entry.track?.title).filter(Boolean) : [];
      const what = titles.length ? ` ${titles.join(', ')}` : changed.change === 'update' ? ' the playlist' : changed.change === 'join' || changed.change === 'leave' ? '' : ' a track';
      live.textContent = `${changed.byName || 'Someone'} ${VERBS[changed.change] || 'changed'}${what}.`;
    });
    stream.source.addEventListener('resync', () => reload());
  }

  more.addEventListener('click', async () => {
    await attempt(loadPage);
    show();
  });
  reload().then(() => {
    if (!closed) {
      listen();
    }
  });
  return () => {
    closed = true;
    stream.source?.close();
  };
}
