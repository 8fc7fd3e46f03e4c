// The home view: search as you type, completions from the first letters, results to play.

import { search, suggest } from '../api.js';
import { playTracks } from '../player.js';
import { clearError, el, showError, trackItem } from '../ui.js';

const SEARCH_DELAY_MS = 200;

export function render(view, params, query) {
  const input = el('input', {
    id: 'search', name: 'q', type: 'search', placeholder: 'Try: amelie laurencon', 'aria-describedby': 'search-status',
    'aria-controls': 'results', list: 'suggestions', spellcheck: false, autocomplete: 'off',
  });
  const suggestions = el('datalist', { id: 'suggestions' });
  const form = el('form', { id: 'search-form', role: 'search', autocomplete: 'off' },
    el('label', { for: 'search' }, 'Tracks, artists or albums'), input, suggestions);
  const status = el('p', { id: 'search-status', className: 'status', 'aria-live': 'polite' });
  const results = el('ol', { id: 'results', className: 'results', 'aria-label': 'Search results' });
  view.append(el('h2', { id: 'view-heading' }, 'Search'), form, status, results);

  let pending = null;
  let pendingSuggestions = null;
  let timer = null;

  async function runSearch(text) {
    pending?.abort();
    if (!text.trim()) {
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    pending = new AbortController();
    status.textContent = 'Searching…';
    try {
      const answer = await search(text, pending.signal);
      results.replaceChildren(...answer.items.map((track, index) => trackItem(track, () => playTracks(answer.items, index))));
      status.textContent = answer.total === 0 ? `No track matches “${text}”.`
        : `${answer.total} ${answer.total === 1 ? 'track' : 'tracks'} for “${text}”.`;
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
  async function runSuggest(text) {
    pendingSuggestions?.abort();
    if (!text.trim()) {
      suggestions.replaceChildren();
      return;
    }
    pendingSuggestions = new AbortController();
    try {
      const answer = await suggest(text, pendingSuggestions.signal);
      const texts = [...new Set(answer.items.map((item) => item.text))];
      suggestions.replaceChildren(...texts.map((text) => el('option', { value: text })));
    } catch (ignored) {
      // Suggestions are a convenience: the search reports errors.
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
  // "#/?q=words" opens the view with that search (links from other views).
  const asked = query?.get('q');
  if (asked) {
    input.value = asked;
    runSuggest(asked);
    runSearch(asked);
  }
  input.focus();
  // The search box is interactive from here: bin/bench web reads this mark (User Timing).
  performance.mark('music:search-ready');
  return () => {
    clearTimeout(timer);
    pending?.abort();
    pendingSuggestions?.abort();
  };
}
