// The player at the page's foot: one <audio> element fed by signed URLs straight from the storage,
// and a queue with previous and next. Any view hands it a list of tracks and where to start.

import { play } from './api.js';
import { artistsOf, el, showError, clearError } from './ui.js';
import { ApiError } from './api.js';

const audio = () => document.getElementById('audio');
const nowPlaying = () => document.getElementById('now-playing');

let queue = [];
let position = -1;

function renderQueue() {
  const list = document.getElementById('queue');
  list.replaceChildren(...queue.map((track, index) => el('li', { 'aria-current': index === position ? 'true' : null },
    `${track.title} · ${artistsOf(track)}`)));
  document.getElementById('previous').disabled = position <= 0;
  document.getElementById('next').disabled = position < 0 || position >= queue.length - 1;
}

async function startAt(index) {
  if (index < 0 || index >= queue.length) {
    return;
  }
  position = index;
  renderQueue();
  const track = queue[index];
  clearError();
  nowPlaying().textContent = `Loading ${track.title}…`;
  try {
    const grant = await play(track.trackId);
    audio().src = grant.streamUrl;
    nowPlaying().textContent = `Now playing: ${track.title} by ${artistsOf(track)}`;
    await audio().play();
  } catch (failure) {
    nowPlaying().textContent = 'Nothing playing.';
    showError(failure);
  }
}

/** Plays {@code tracks[index]} and queues the rest of the list after it (and before, for "previous"). */
export function playTracks(tracks, index = 0) {
  queue = tracks.slice();
  return startAt(index);
}

export function next() {
  return startAt(position + 1);
}

export function previous() {
  return startAt(position - 1);
}

/** Wires the player's buttons and moves to the next track when one ends. */
export function installPlayer() {
  document.getElementById('previous').addEventListener('click', previous);
  document.getElementById('next').addEventListener('click', next);
  audio().addEventListener('ended', () => {
    if (position < queue.length - 1) {
      next();
    }
  });
  audio().addEventListener('error', () => {
    if (audio().getAttribute('src')) {
      showError(new ApiError(0, 'This track could not be played in this browser.'));
    }
  });
  renderQueue();
}
