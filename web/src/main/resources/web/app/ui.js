// What every view shares: building elements, the page's one error line, and a track's row.

import { ApiError } from './api.js';

// Written as attributes: these have no writable property of the same name.
const ATTRIBUTES = new Set(['role', 'for', 'list', 'form', 'scope', 'colspan']);

/**
 * An element: {@code el('a', {href: '#/x', className: 'y'}, 'text', child)}. Properties go on the
 * element; names with a dash ("aria-label", "data-track-id") become attributes; "on<event>" listens.
 */
export function el(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.substring(2).toLowerCase(), value);
    } else if (name.includes('-') || ATTRIBUTES.has(name)) {
      element.setAttribute(name, value === true ? '' : String(value));
    } else {
      element[name] = value;
    }
  }
  element.append(...children.flat().filter((child) => child !== undefined && child !== null && child !== false));
  return element;
}

const error = () => document.getElementById('error');

/** Shows a failure as the problem's title in the page's alert line; a 401 says how to sign in again. */
export function showError(failure) {
  const title = failure instanceof ApiError ? failure.message : 'Something went wrong; try again.';
  const line = error();
  line.textContent = failure instanceof ApiError && failure.status === 401 ? `${title}. Reload the page to sign in.` : title;
  line.hidden = false;
}

export function clearError() {
  const line = error();
  line.hidden = true;
  line.textContent = '';
}

/** Says what just happened in the page's polite live region (shown too, under the view). */
export function announce(text) {
  document.getElementById('announcer').textContent = text;
}

/** Runs a call, showing its failure (an aborted call stays quiet); answers undefined on failure. */
export async function attempt(call) {
  try {
    const answer = await call();
    clearError();
    return answer;
  } catch (failure) {
    if (failure.name !== 'AbortError') {
      showError(failure);
    }
    return undefined;
  }
}

/** A track's artists as names: search hits name them, the catalog's tracks give {id, name}. */
export function artistNames(track) {
  return (track.artists || (track.artist ? [track.artist] : [])).map((artist) => (typeof artist === 'string' ? artist : artist.name));
}

export function artistsOf(track) {
  return artistNames(track).join(', ');
}

/**
 * A catalog track ({id, title, artists: [{id, name}], album: {id, title}, year, ...}) in the shape the
 * rows and the player take (the search's: trackId, title, artists, album title, year); the catalog's
 * own references are kept (artistRefs, albumRef) for links.
 */
export function fromCatalog(track) {
  return {
    trackId: track.id, title: track.title, artists: artistNames(track), album: track.album?.title, year: track.year,
    genre: track.genre, rating: track.rating, durationMs: track.durationMs, artistRefs: track.artists || [], albumRef: track.album || null,
  };
}

/** "3:07" from seconds. */
export function duration(seconds) {
  if (!Number.isFinite(seconds)) {
    return '';
  }
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * More controls on every track row, whichever view lists it: functions of the track answering an
 * element (or nothing). An area adds its own (for example "Add to playlist") from its start().
 */
export const trackActions = [];

/**
 * A track's row: title, artists (linked to the artist's page), album, year, and a Play button
 * labelled for screen readers. {@code actions} are more controls at the row's end.
 */
export function trackItem(track, onPlay, ...actions) {
  const refs = track.artistRefs?.length ? track.artistRefs : artistNames(track).map((name) => ({ name }));
  const meta = el('div', { className: 'meta' });
  refs.forEach((artist, index) => {
    if (index > 0) {
      meta.append(', ');
    }
    meta.append(el('a', { href: `#/artists/${encodeURIComponent(artist.id || artist.name)}` }, artist.name));
  });
  for (const fact of [track.album, track.year]) {
    if (fact) {
      meta.append(` · ${fact}`);
    }
  }
  const play = el('button', { type: 'button', className: 'play', 'aria-label': `Play ${track.title} by ${artistsOf(track)}`, onclick: onPlay }, 'Play');
  return el('li', { 'data-track-id': track.trackId },
    el('div', { className: 'text' }, el('span', { className: 'title' }, track.title), meta),
    el('div', { className: 'actions' }, ...actions, ...trackActions.map((action) => action(track)), play));
}
