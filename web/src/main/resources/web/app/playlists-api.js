// The playlist calls the views share: every change names the version it was made on (If-Match); a
// 412 means someone else changed the playlist first, and the page reads it again.

import { ApiError, get, query, request } from './api.js';

const base = (id) => `/catalog/playlists/${encodeURIComponent(id)}`;

/** What a 412 tells the listener. */
export const CONFLICT = 'This playlist changed while you were editing it. It has been reloaded with the other changes: check it and try again.';

export function isConflict(failure) {
  return failure instanceof ApiError && failure.status === 412;
}

/** The listener's playlists (owned or shared with them), newest first: {items, nextCursor}. */
export function myPlaylists(cursor, limit = 50) {
  return get(`/catalog/me/playlists${query({ limit, cursor })}`);
}

export function playlist(id) {
  return get(base(id));
}

/** One page of entries, taken-down tracks included (shown as unavailable). */
export function entries(id, cursor, limit = 100) {
  return get(`${base(id)}/tracks${query({ view: 'all', limit, cursor })}`);
}

export async function create(fields) {
  return (await request('POST', '/catalog/playlists', { body: fields })).body;
}

/** A change made on {@code version}: PATCH, POST or DELETE under the playlist's path. */
export async function change(method, id, path, version, body) {
  return (await request(method, `${base(id)}${path}`, { body, headers: { 'If-Match': `"${version}"` } })).body;
}

/** Adds tracks at the end, reading the playlist's version first (from a row's "Add to playlist"). */
export async function addTracks(id, trackIds) {
  const current = await playlist(id);
  return change('POST', id, '/tracks', current.version, { trackIds });
}

export async function invite(id) {
  return (await request('POST', `${base(id)}/invitations`)).body;
}

export async function join(id, invitation) {
  return (await request('POST', `${base(id)}/collaborators`, { body: { invitation } })).body;
}
