// A share link's address (#/playlists/<id>/join?invitation=<token>): the invited listener joins the
// playlist as a collaborator, then lands on it.

import { join } from '../playlists-api.js';
import { refreshPlaylists } from '../routes-playlists.js';
import { attempt, el } from '../ui.js';

export function render(view, [id], query) {
  const invitation = query.get('invitation') || '';
  const button = el('button', { type: 'button', id: 'playlist-join' }, 'Join the playlist');
  view.append(el('h2', { id: 'view-heading' }, 'Join a playlist'),
    el('p', {}, 'You were invited to add, remove and reorder the tracks of a playlist with its owner.'), button);
  if (!invitation) {
    button.disabled = true;
    view.append(el('p', { className: 'status' }, 'This link has no invitation in it: ask for a new share link.'));
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    const joined = await attempt(() => join(id, invitation));
    if (joined === undefined) {
      button.disabled = false;
      return;
    }
    await refreshPlaylists();
    window.location.hash = `#/playlists/${encodeURIComponent(id)}`;
  });
}
