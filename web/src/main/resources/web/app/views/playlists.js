// The listener's playlists: those they own or collaborate on, newest first, and a form to make one.

import { create, myPlaylists } from '../playlists-api.js';
import { refreshPlaylists } from '../routes-playlists.js';
import { attempt, el } from '../ui.js';

function item(playlist) {
  const facts = [`${playlist.trackCount} ${playlist.trackCount === 1 ? 'track' : 'tracks'}`,
    playlist.yourRole === 'OWNER' ? 'yours' : `shared by ${playlist.owner?.name || 'another listener'}`,
    playlist.visibility === 'PUBLIC' ? 'public' : 'private'];
  return el('li', {},
    el('a', { href: `#/playlists/${encodeURIComponent(playlist.id)}`, className: 'title' }, playlist.name),
    el('div', { className: 'meta' }, facts.join(' · ')));
}

export function render(view) {
  const list = el('ul', { id: 'playlist-list', className: 'results', 'aria-label': 'Your playlists' });
  const status = el('p', { className: 'status', 'aria-live': 'polite' });
  const more = el('button', { type: 'button', hidden: true }, 'Show more playlists');
  const name = el('input', { id: 'playlist-name', name: 'name', required: true, maxLength: 200, autocomplete: 'off' });
  const description = el('input', { id: 'playlist-description', name: 'description', maxLength: 2000, autocomplete: 'off' });
  const visibility = el('select', { id: 'playlist-visibility', name: 'visibility' },
    el('option', { value: 'PRIVATE' }, 'Private: you and those you share it with'), el('option', { value: 'PUBLIC' }, 'Public: anyone with its address'));
  const form = el('form', { id: 'playlist-create', className: 'stack', 'aria-labelledby': 'create-heading' },
    el('h3', { id: 'create-heading' }, 'New playlist'),
    el('label', { for: 'playlist-name' }, 'Name'), name,
    el('label', { for: 'playlist-description' }, 'Description (optional)'), description,
    el('label', { for: 'playlist-visibility' }, 'Who may see it'), visibility,
    el('button', { type: 'submit', id: 'playlist-create-button' }, 'Create'));
  view.append(el('h2', { id: 'view-heading' }, 'Playlists'), status, list, more, form);

  let cursor = null;
  const controller = new AbortController();
  async function load() {
    const page = await attempt(() => myPlaylists(cursor));
    if (!page || controller.signal.aborted) {
      return;
    }
    list.append(...page.items.map(item));
    cursor = page.nextCursor || null;
    more.hidden = !cursor;
    status.textContent = list.children.length === 0 ? 'No playlist yet: make one below, then add tracks from any list.' : '';
  }
  more.addEventListener('click', load);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const made = await attempt(() => create({ name: name.value.trim(), description: description.value.trim() || null, visibility: visibility.value }));
    if (made) {
      refreshPlaylists();
      window.location.hash = `#/playlists/${encodeURIComponent(made.id)}`;
    }
  });
  load();
  return () => controller.abort();
}
