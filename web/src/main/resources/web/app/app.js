// The listener's page: search as you type, a result list, and a player fed by signed URLs.
import { ApiError, play, search, session, suggest } from './api.js';

const SEARCH_DELAY_MS = 200;

const input = document.getElementById('search');
const form = document.getElementById('search-form');
const status = document.getElementById('search-status');
const results = document.getElementById('results');
const audio = document.getElementById('audio');
const nowPlaying = document.getElementById('now-playing');
const error = document.getElementById('error');
const username = document.getElementById('username');
const suggestions = document.getElementById('suggestions');

let pending = null;
let pendingSuggestions = null;
let timer = null;

function showError(failure) {
  const title = failure instanceof ApiError ? failure.message : 'Something went wrong; try again.';
  error.textContent = failure instanceof ApiError && failure.status === 401 ? `${title}. Reload the page to sign in.` : title;
  error.hidden = false;
}

function clearError() {
  error.hidden = true;
  error.textContent = '';
}

function artistsOf(track) {
  return (track.artists || []).join(', ');
}

function resultItem(track) {
  const item = document.createElement('li');
  item.dataset.trackId = track.trackId;
  const text = document.createElement('div');
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = track.title;
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = [artistsOf(track), track.album, track.year].filter(Boolean).join(' · ');
  text.append(title, meta);
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'play';
  button.textContent = 'Play';
  button.setAttribute('aria-label', `Play ${track.title} by ${artistsOf(track)}`);
  button.addEventListener('click', () => start(track));
  item.append(text, button);
  return item;
}

async function runSearch(query) {
  if (pending) {
    pending.abort();
  }
  if (!query.trim()) {
    results.replaceChildren();
    status.textContent = '';
    return;
  }
  pending = new AbortController();
  status.textContent = 'Searching…';
  try {
    const answer = await search(query, pending.signal);
    results.replaceChildren(...answer.items.map(resultItem));
    status.textContent = answer.total === 0 ? `No track matches “${query}”.`
      : `${answer.total} ${answer.total === 1 ? 'track' : 'tracks'} for “${query}”.`;
    clearError();
  } catch (failure) {
    if (failure.name !== 'AbortError') {
      status.textContent = '';
      showError(failure);
    }
  }
}

// Completions offered under the input (a datalist: the browser's own list, keyboard and screen-reader
// friendly); picking one searches for it. A failure here stays quiet: the results say what matters.
async function runSuggest(query) {
  if (pendingSuggestions) {
    pendingSuggestions.abort();
  }
  if (!query.trim()) {
    suggestions.replaceChildren();
    return;
  }
  pendingSuggestions = new AbortController();
  try {
    const answer = await suggest(query, pendingSuggestions.signal);
    const texts = [...new Set(answer.items.map((item) => item.text))];
    suggestions.replaceChildren(...texts.map((text) => Object.assign(document.createElement('option'), { value: text })));
  } catch (ignored) {
    // Suggestions are a convenience: the search below reports errors.
  }
}

async function start(track) {
  clearError();
  nowPlaying.textContent = `Loading ${track.title}…`;
  try {
    const grant = await play(track.trackId);
    audio.src = grant.streamUrl;
    nowPlaying.textContent = `Now playing: ${track.title} by ${artistsOf(track)}`;
    await audio.play();
  } catch (failure) {
    nowPlaying.textContent = 'Nothing playing.';
    showError(failure);
  }
}

input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(() => {
    runSuggest(input.value);
    runSearch(input.value);
  }, SEARCH_DELAY_MS);
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(timer);
  runSearch(input.value);
});
audio.addEventListener('error', () => showError(new ApiError(0, 'This track could not be played in this browser.')));

session()
  .then((me) => { username.textContent = `Signed in as ${me.username}`; })
  .catch(showError);
