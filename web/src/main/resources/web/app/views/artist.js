// An artist's page (#/artists/<id or name>): their albums, their tracks a page at a time, and a button
// to follow them. Search results and the history name artists; a name is turned into the platform's
// artist id (library-artist-id.js), the same every service computes.

import { isUuid, artistIdOf } from '../library-artist-id.js';
import { artist as readArtist, playable, tracksOf } from '../library-api.js';
import { followButton } from '../library-follow.js';
import { pagedList, section, whileShown } from '../library-ui.js';
import { playTracks } from '../player.js';
import { el, trackItem } from '../ui.js';

const TRACKS_PER_PAGE = 20;

export async function render(view, [address]) {
  const heading = el('h2', { id: 'view-heading' }, 'Artist');
  view.append(heading);
  const calls = new AbortController();
  const artist = await whileShown(heading, (isUuid(address) ? Promise.resolve(address) : artistIdOf(address))
    .then((artistId) => readArtist(artistId, calls.signal)));
  if (!artist) {
    return undefined;
  }
  heading.textContent = artist.name;
  document.title = `Music: ${artist.name}`;

  const albums = el('ul', { className: 'albums', id: 'artist-albums' }, ...artist.albums.map((album) => el('li', {},
    el('a', { href: `#/albums/${album.id}` }, album.title), ` · ${album.trackCount} ${album.trackCount === 1 ? 'track' : 'tracks'}`)));

  const tracks = [];
  const list = el('ol', { className: 'results', id: 'artist-tracks', 'aria-labelledby': 'artist-tracks-heading' });
  const paged = pagedList({
    list,
    noun: { one: 'track', plural: 'tracks' },
    empty: 'No playable track of this artist yet.',
    loadPage: (cursor) => tracksOf(artist.id, cursor, TRACKS_PER_PAGE, calls.signal),
    render: (items, start) => {
      tracks.length = start;
      const added = items.map(playable);
      tracks.push(...added);
      return added.map((track, index) => trackItem(track, () => playTracks(tracks, start + index)));
    },
  });

  view.append(
    el('p', { className: 'artist-facts' }, `${artist.trackCount} ${artist.trackCount === 1 ? 'track' : 'tracks'} `,
      followButton('artists', artist.id, artist.name, calls.signal)),
    section('artist-albums', 'Albums', artist.albums.length ? albums : el('p', {}, 'No album of theirs as album artist yet.')),
    section('artist-tracks', 'Tracks', paged.element));
  paged.load();
  return () => calls.abort();
}
