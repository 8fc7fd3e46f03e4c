// My listening (#/listening): how many plays you have, your most played tracks and artists of the day,
// week or month, and your whole history, newest first, a page at a time (#/listening?limit=n for
// another page size). Plays are counted a moment after they are granted: "Refresh" reads them again.

import { myHistory, myStats, myTop, trackById } from '../library-api.js';
import { pagedList, section, when } from '../library-ui.js';
import { playTracks } from '../player.js';
import { attempt, el, trackItem } from '../ui.js';

const HISTORY_PER_PAGE = 20;
const TOP = 10;
const PERIODS = [['day', 'Today'], ['week', 'This week'], ['month', 'This month']];

function pageSize(query) {
  const asked = Number.parseInt(query.get('limit'), 10);
  return Number.isInteger(asked) && asked >= 1 && asked <= 100 ? asked : HISTORY_PER_PAGE;
}

/** The tracks of these ids as rows take them, read from the catalog once each. */
function tracksOf(entries) {
  return Promise.all(entries.map((entry) => trackById(entry.trackId, entry.artist)));
}

export function render(view, params, query) {
  const calls = new AbortController();

  // The totals.
  const totals = el('p', { id: 'listening-totals', 'aria-live': 'polite' }, 'Reading your plays…');
  async function showTotals() {
    const stats = await attempt(() => myStats(calls.signal));
    if (!stats) {
      return;
    }
    if (!stats.plays) {
      totals.replaceChildren('You have not played anything yet.');
      return;
    }
    const last = stats.lastPlayedTrackId ? await attempt(() => trackById(stats.lastPlayedTrackId)) : null;
    totals.replaceChildren(`${stats.plays} ${stats.plays === 1 ? 'play' : 'plays'} in all.`,
      ...(last ? [' Last played: ', el('strong', {}, last.title), ...(stats.lastPlayedAt ? [', ', when(stats.lastPlayedAt)] : []), '.'] : []));
  }

  // The charts of a period.
  const period = el('select', { id: 'top-period' }, ...PERIODS.map(([value, label]) => el('option', { value }, label)));
  period.value = 'week';
  const topTracks = el('ol', { className: 'top', id: 'top-tracks', 'aria-labelledby': 'top-tracks-heading' });
  const topArtists = el('ol', { className: 'top', id: 'top-artists', 'aria-labelledby': 'top-artists-heading' });
  async function showTop() {
    const chosen = period.value;
    const answers = await attempt(() => Promise.all([myTop('tracks', chosen, TOP, calls.signal), myTop('artists', chosen, TOP, calls.signal)]));
    if (!answers || chosen !== period.value) {
      return;
    }
    const [tracks, artists] = answers;
    const named = await attempt(() => tracksOf(tracks.items));
    if (!named) {
      return;
    }
    const nothing = (list) => list.replaceChildren(el('li', { className: 'empty' }, 'No plays in this period.'));
    if (tracks.items.length) {
      topTracks.replaceChildren(...tracks.items.map((rank, index) => el('li', {},
        el('span', { className: 'title' }, named[index].title), ` · ${rank.artist} · ${rank.plays} ${rank.plays === 1 ? 'play' : 'plays'}`)));
    } else {
      nothing(topTracks);
    }
    if (artists.items.length) {
      topArtists.replaceChildren(...artists.items.map((rank) => el('li', {},
        el('a', { href: `#/artists/${rank.artistId}` }, rank.artist), ` · ${rank.plays} ${rank.plays === 1 ? 'play' : 'plays'}`)));
    } else {
      nothing(topArtists);
    }
  }
  period.addEventListener('change', showTop);

  // The history: each row plays from there on, the loaded history as the queue.
  const queue = [];
  const list = el('ol', { className: 'results history', id: 'history', 'aria-labelledby': 'listening-history-heading' });
  const limit = pageSize(query);
  const history = pagedList({
    list,
    noun: { one: 'play', plural: 'plays' },
    empty: 'Your history is empty: what you play shows here a moment later.',
    loadPage: (cursor) => myHistory(cursor, limit, calls.signal),
    render: async (entries, start) => {
      const tracks = await tracksOf(entries);
      queue.length = start;
      queue.push(...tracks);
      return entries.map((entry, index) => {
        const row = trackItem(tracks[index], () => playTracks(queue, start + index));
        row.dataset.playId = entry.playId;
        row.querySelector('.meta').append(' · played ', when(entry.playedAt));
        return row;
      });
    },
  });

  const refresh = el('button', { type: 'button', id: 'listening-refresh' }, 'Refresh');
  const showAll = () => Promise.all([showTotals(), showTop(), history.load()]);
  refresh.addEventListener('click', showAll);

  view.append(
    el('h2', { id: 'view-heading' }, 'My listening'),
    el('div', { className: 'toolbar' }, totals, refresh),
    section('listening-top', 'Most played',
      el('p', {}, el('label', { for: 'top-period' }, 'Period'), period),
      el('div', { className: 'top-lists' },
        el('section', { 'aria-labelledby': 'top-tracks-heading' }, el('h4', { id: 'top-tracks-heading' }, 'Tracks'), topTracks),
        el('section', { 'aria-labelledby': 'top-artists-heading' }, el('h4', { id: 'top-artists-heading' }, 'Artists'), topArtists))),
    section('listening-history', 'History', history.element));
  showAll();
  return () => calls.abort();
}
