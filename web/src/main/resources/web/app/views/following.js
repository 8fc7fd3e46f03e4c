// What you follow (#/following): artists and genres, newest first, a page at a time, each with a button
// to stop; and a genre to follow by name (the catalog's genres offered as you type).

import { follow, genres, subscriptions, unfollow } from '../library-api.js';
import { pagedList, section, when } from '../library-ui.js';
import { attempt, el } from '../ui.js';

const PER_PAGE = 50;

export function render(view) {
  const calls = new AbortController();
  const status = el('p', { className: 'status', id: 'following-status', 'aria-live': 'polite' });
  const list = el('ul', { className: 'subscriptions', id: 'subscriptions', 'aria-labelledby': 'following-list-heading' });

  function row(subscription) {
    const kind = subscription.kind === 'ARTIST' ? 'artists' : 'genres';
    const name = subscription.kind === 'ARTIST' ? el('a', { href: `#/artists/${subscription.id}` }, subscription.name) : subscription.name;
    const item = el('li', { 'data-subscription': `${subscription.kind}:${subscription.id}` },
      el('span', { className: 'text' }, el('span', { className: 'kind' }, subscription.kind === 'ARTIST' ? 'Artist' : 'Genre'), ' ', name,
        el('span', { className: 'meta' }, ' · since ', when(subscription.subscribedAt))));
    const stop = el('button', { type: 'button', 'aria-label': `Unfollow ${subscription.name}` }, 'Unfollow');
    stop.addEventListener('click', async () => {
      stop.disabled = true;
      if (await attempt(() => unfollow(kind, subscription.id)) !== undefined) {
        // Focus moves on to the next row (or to the status line, which says what happened), not to nowhere.
        const next = item.nextElementSibling || item.previousElementSibling;
        item.remove();
        status.textContent = `You no longer follow ${subscription.name}.`;
        (next?.querySelector('button') || status).focus();
      } else {
        stop.disabled = false;
      }
    });
    item.append(stop);
    return item;
  }

  const paged = pagedList({
    list,
    status,
    noun: { one: 'subscription', plural: 'subscriptions' },
    empty: 'You follow nothing yet: follow artists on their pages, and genres below or on album pages.',
    loadPage: (cursor) => subscriptions(cursor, PER_PAGE, calls.signal),
    render: (items) => items.map(row),
  });
  status.tabIndex = -1;

  const genreInput = el('input', { id: 'follow-genre', name: 'genre', type: 'text', list: 'genre-names', autocomplete: 'off', required: true, maxLength: 100 });
  const genreNames = el('datalist', { id: 'genre-names' });
  const genreForm = el('form', { id: 'follow-genre-form', className: 'inline-form' },
    el('label', { for: 'follow-genre' }, 'Genre'), genreInput, genreNames, el('button', { type: 'submit' }, 'Follow genre'));
  genreForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const genre = genreInput.value.trim();
    if (genre && await attempt(() => follow('genres', genre)) !== undefined) {
      genreInput.value = '';
      await paged.load();
      status.textContent = `You follow ${genre}. ${status.textContent}`;
    }
  });

  view.append(el('h2', { id: 'view-heading' }, 'Following'),
    section('following-list', 'Artists and genres you follow', paged.element),
    section('following-genre', 'Follow a genre', genreForm));
  attempt(() => genres(calls.signal)).then((page) => {
    if (page) {
      genreNames.replaceChildren(...page.items.map((genre) => el('option', { value: genre.name })));
    }
  });
  paged.load();
  return () => calls.abort();
}
