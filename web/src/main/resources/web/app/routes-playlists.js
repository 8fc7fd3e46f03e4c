// Playlists: the listener's list, one playlist (add, remove, reorder, share), its live changes, and
// "Add to playlist" on every track row.
// Each route's view is a module under views/ with render(view, params, query) (see app.js).

import { addTracks, isConflict, myPlaylists } from './playlists-api.js';
import { announce, el, showError, trackActions } from './ui.js';
import * as joinView from './views/playlist-join.js';
import * as playlistView from './views/playlist.js';
import * as playlistsView from './views/playlists.js';

/** Operator-only: the links show in the operator's navigation, for users with role "admin". */
export const admin = false;

/** {pattern, view, title}: the address after "#" matched against pattern; its groups are the params. */
export const routes = [
  { pattern: /^\/playlists$/, view: playlistsView, title: 'Playlists' },
  { pattern: /^\/playlists\/([^/]+)$/, view: playlistView, title: 'Playlist' },
  { pattern: /^\/playlists\/([^/]+)\/join$/, view: joinView, title: 'Join a playlist' },
];

/** {href, label}: links in the navigation, in order. */
export const links = [{ href: '#/playlists', label: 'Playlists' }];

// The playlists a row's "Add to playlist" offers: those the listener may edit, loaded once.
let editable = [];

/** Reads the listener's playlists again (after one is made, joined or deleted). */
export async function refreshPlaylists() {
  try {
    const all = [];
    let cursor = null;
    do {
      const page = await myPlaylists(cursor, 100);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && all.length < 500);
    editable = all.filter((playlist) => playlist.yourRole === 'OWNER' || playlist.yourRole === 'COLLABORATOR');
  } catch (ignored) {
    // The rows simply offer no playlist; the playlists page reports the failure.
  }
}

function addControl(track) {
  if (!track.trackId) {
    return null;
  }
  const select = el('select', { className: 'add-to-playlist', 'aria-label': `Add ${track.title} to a playlist` },
    el('option', { value: '' }, 'Add to playlist…'),
    ...editable.map((playlist) => el('option', { value: playlist.id }, playlist.name)));
  select.addEventListener('change', async () => {
    const target = editable.find((playlist) => playlist.id === select.value);
    select.value = '';
    if (!target) {
      return;
    }
    try {
      await addTracks(target.id, [track.trackId]);
      announce(`Added ${track.title} to ${target.name}.`);
    } catch (failure) {
      showError(isConflict(failure) ? new Error('The playlist changed at that very moment; try again.') : failure);
    }
  });
  return select;
}

/** Runs once the page knows who is signed in ({username, roles}). */
export function start() {
  refreshPlaylists();
  trackActions.push(addControl);
}
