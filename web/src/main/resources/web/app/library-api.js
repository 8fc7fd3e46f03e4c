// The library's calls to the public API (catalog and stats), through the relay of api.js, and the one
// shape of a track the page's rows and player take ({trackId, title, artists: names, album, year}).

import { ApiError, get, query, request } from './api.js';
import { fromCatalog } from './ui.js';

const id = encodeURIComponent;

/** A catalog track as rows and the player take it (ui.js's fromCatalog). */
export const playable = fromCatalog;

/** The answer of a read that may find nothing: null for a 404, the body otherwise. */
async function found(path, signal) {
  try {
    return await get(path, signal);
  } catch (failure) {
    if (failure instanceof ApiError && failure.status === 404) {
      return null;
    }
    throw failure;
  }
}

// Browsing

export function artists(cursor, limit, signal) {
  return get(`/catalog/artists${query({ limit, cursor })}`, signal);
}

export function artist(artistId, signal) {
  return get(`/catalog/artists/${id(artistId)}`, signal);
}

export function album(albumId, signal) {
  return get(`/catalog/albums/${id(albumId)}`, signal);
}

/** An artist's playable tracks by title, a page at a time. */
export function tracksOf(artistId, cursor, limit, signal) {
  return get(`/catalog/tracks${query({ artist: artistId, sort: 'title', limit, cursor })}`, signal);
}

export function genres(signal) {
  return get(`/catalog/genres${query({ limit: 100 })}`, signal);
}

// The history and the charts name tracks by id only: their titles come from the catalog, once per page.
const tracksById = new Map();

/** A track by id as a row takes it; one that is gone (404, 410) keeps its id with a title saying so. */
export function trackById(trackId, fallbackArtist) {
  if (!tracksById.has(trackId)) {
    const lookup = get(`/catalog/tracks/${id(trackId)}`).then(playable, (failure) => {
      tracksById.delete(trackId);
      if (failure instanceof ApiError && (failure.status === 404 || failure.status === 410)) {
        return { trackId, title: 'A track no longer in the catalog', artists: fallbackArtist ? [fallbackArtist] : [], gone: true };
      }
      throw failure;
    });
    tracksById.set(trackId, lookup);
  }
  return tracksById.get(trackId);
}

// Ratings

/** Your stars for a track, or null when you have not rated it. */
export async function myRating(trackId, signal) {
  const rating = await found(`/catalog/tracks/${id(trackId)}/rating`, signal);
  return rating ? rating.stars : null;
}

export function rate(trackId, stars) {
  return request('PUT', `/catalog/tracks/${id(trackId)}/rating`, { body: { stars } });
}

export function unrate(trackId) {
  return request('DELETE', `/catalog/tracks/${id(trackId)}/rating`);
}

// Subscriptions: kind is "artists" or "genres", as in the API's paths

export function subscriptions(cursor, limit, signal) {
  return get(`/catalog/me/subscriptions${query({ limit, cursor })}`, signal);
}

/**
 * Whether you follow that artist (by id) or genre (any case). The API lists subscriptions only, at
 * most 500 of them: read a hundred at a time until it turns up.
 */
export async function follows(kind, subject, signal) {
  const wanted = kind === 'artists' ? { kind: 'ARTIST', id: subject } : { kind: 'GENRE', id: subject.toLowerCase() };
  let cursor;
  do {
    const page = await subscriptions(cursor, 100, signal);
    if (page.items.some((item) => item.kind === wanted.kind && item.id === wanted.id)) {
      return true;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return false;
}

export function follow(kind, subject) {
  return request('PUT', `/catalog/me/subscriptions/${kind}/${id(subject)}`);
}

export function unfollow(kind, subject) {
  return request('DELETE', `/catalog/me/subscriptions/${kind}/${id(subject)}`);
}

// Notifications

/** A page of your notifications, newest first, with how many of all are unread ({items, nextCursor, unreadCount}). */
export function notifications(cursor, limit, signal) {
  return get(`/catalog/me/notifications${query({ limit, cursor })}`, signal);
}

/** Marks read that notification and every older one. */
export function markRead(upTo) {
  return request('POST', '/catalog/me/notifications/read', { body: { upTo } });
}

// Listening (stats)

export function myStats(signal) {
  return get('/stats/users/me', signal);
}

export function myHistory(cursor, limit, signal) {
  return get(`/stats/users/me/history${query({ limit, cursor })}`, signal);
}

/** Your most played tracks or artists ({@code what}) in the day, week or month holding today. */
export function myTop(what, period, limit, signal) {
  return get(`/stats/users/me/top/${what}${query({ period, limit })}`, signal);
}
