// An album's page (#/albums/<id>): its tracks in disc and track order, each with your rating, played
// from any of them with the rest queued; its artist, and its genre to follow.

import { album as readAlbum, playable } from '../library-api.js';
import { followButton } from '../library-follow.js';
import { readRatingsAtOnce } from '../library-rating.js';
import { section, whileShown } from '../library-ui.js';
import { playTracks } from '../player.js';
import { el, trackItem } from '../ui.js';

function position(track, discs) {
  const number = track.trackNumber ?? '';
  return discs > 1 && track.discNumber ? `${track.discNumber}.${number}` : String(number);
}

export async function render(view, [albumId]) {
  const heading = el('h2', { id: 'view-heading' }, 'Album');
  view.append(heading);
  const calls = new AbortController();
  const album = await whileShown(heading, readAlbum(albumId, calls.signal));
  if (!album) {
    return undefined;
  }
  heading.textContent = album.title;
  document.title = `Music: ${album.title}`;

  const tracks = readRatingsAtOnce(album.tracks.map(playable));
  const discs = new Set(album.tracks.map((track) => track.discNumber || 1)).size;
  const rows = album.tracks.map((track, index) => {
    const row = trackItem(tracks[index], () => playTracks(tracks, index));
    row.prepend(el('span', { className: 'track-number' }, position(track, discs)));
    return row;
  });
  const genres = [...new Set(album.tracks.map((track) => track.genre).filter(Boolean))];
  const years = [...new Set(album.tracks.map((track) => track.year).filter(Boolean))];

  view.append(
    el('p', { className: 'album-facts' }, 'By ', el('a', { href: `#/artists/${album.artist.id}` }, album.artist.name),
      years.length ? ` · ${years.join(', ')}` : '', ` · ${tracks.length} ${tracks.length === 1 ? 'track' : 'tracks'}`),
    el('p', { className: 'album-actions' },
      el('button', { type: 'button', id: 'play-album', disabled: tracks.length === 0, onclick: () => playTracks(tracks, 0) }, 'Play album'),
      ...genres.map((genre) => el('span', { className: 'genre' }, `Genre: ${genre} `, followButton('genres', genre, `the genre ${genre}`, calls.signal)))),
    section('album-tracks', 'Tracks', tracks.length
      ? el('ol', { className: 'results album-tracks', id: 'album-tracks', 'aria-labelledby': 'album-tracks-heading' }, ...rows)
      : el('p', {}, 'No playable track on this album now.')));
  return () => calls.abort();
}
