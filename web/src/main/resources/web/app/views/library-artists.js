// Every artist by name (#/artists), with their playable track counts, a page at a time.

import { artists } from '../library-api.js';
import { pagedList } from '../library-ui.js';
import { el } from '../ui.js';

const ARTISTS_PER_PAGE = 50;

export function render(view) {
  const calls = new AbortController();
  const list = el('ul', { className: 'artists', id: 'artists', 'aria-labelledby': 'view-heading' });
  const paged = pagedList({
    list,
    noun: { one: 'artist', plural: 'artists' },
    empty: 'No artist in the catalog yet.',
    loadPage: (cursor) => artists(cursor, ARTISTS_PER_PAGE, calls.signal),
    render: (items) => items.map((artist) => el('li', {},
      el('a', { href: `#/artists/${artist.id}` }, artist.name),
      el('span', { className: 'count' }, ` · ${artist.trackCount} ${artist.trackCount === 1 ? 'track' : 'tracks'}`))),
  });
  view.append(el('h2', { id: 'view-heading' }, 'Artists'), paged.element);
  paged.load();
  return () => calls.abort();
}
