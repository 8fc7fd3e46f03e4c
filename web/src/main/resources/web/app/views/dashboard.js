// The listening dashboard (operators): the platform's plays per day, top tracks and artists of a period,
// genres by hour of day as a heatmap, and plays by country, platform and device. Every figure comes
// from stats-service's public API (days and hours in UTC); top tracks get their titles from the catalog.

import { get, query } from '../api.js';
import { dailyLine, genreHourHeatmap, hourLabel, rankingBars, shade, sharesDoughnut } from '../dashboard-charts.js';
import { dateField, panel, periodField, rangeFields, today } from '../dashboard-panel.js';
import { el } from '../ui.js';

const TOP = 10;
const DIMENSIONS = [['country', 'Country'], ['platform', 'Platform'], ['device', 'Device']];

// Titles of tracks already looked up, by id: a track's title seldom changes while the page is open.
const titles = new Map();

async function titleOf(trackId, signal) {
  if (!titles.has(trackId)) {
    try {
      const track = await get(`/catalog/tracks/${encodeURIComponent(trackId)}`, signal);
      titles.set(trackId, track.title);
    } catch (failure) {
      if (failure.name === 'AbortError') {
        throw failure;
      }
      // Taken down or gone from the catalog: its plays still count, under its id.
      return `Track ${trackId.substring(0, 8)} (not in the catalog)`;
    }
  }
  return titles.get(trackId);
}

const regions = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(['en'], { type: 'region' }) : null;

function countryName(code) {
  if (!code) {
    return 'Unknown';
  }
  try {
    const name = regions?.of(code);
    return name && name !== code ? `${name} (${code})` : code;
  } catch (ignored) {
    return code;
  }
}

function dailyPanel() {
  return panel({
    id: 'daily',
    heading: 'Plays per day',
    fields: rangeFields('daily'),
    figures: [{ id: 'daily-chart', headers: ['Day', 'Plays'] }],
    async load({ from, to }, signal) {
      const days = (await get(`/stats/global/daily${query({ from, to })}`, signal)).items;
      if (days.every((day) => day.plays === 0)) {
        return [null];
      }
      return [{ config: dailyLine(days), rows: days.map((day) => [day.day, day.plays]) }];
    },
  });
}

function topTracksPanel() {
  return panel({
    id: 'top-tracks',
    heading: 'Top tracks',
    fields: [periodField('top-tracks-period'), dateField('top-tracks-date', 'date', 'A day in the period', today())],
    figures: [{ id: 'top-tracks-chart', headers: ['Track', 'Artist', 'Plays'] }],
    async load({ period, date }, signal) {
      const ranks = (await get(`/stats/top/tracks${query({ period, date, limit: TOP })}`, signal)).items;
      if (ranks.length === 0) {
        return [null];
      }
      const names = await Promise.all(ranks.map((rank) => titleOf(rank.trackId, signal)));
      return [{
        config: rankingBars(ranks.map((rank, index) => `${names[index]} (${rank.artist})`), ranks.map((rank) => rank.plays)),
        rows: ranks.map((rank, index) => [names[index], rank.artist, rank.plays]),
        height: `${4 + ranks.length * 2}rem`,
      }];
    },
  });
}

function topArtistsPanel() {
  return panel({
    id: 'top-artists',
    heading: 'Top artists',
    fields: [periodField('top-artists-period'), dateField('top-artists-date', 'date', 'A day in the period', today())],
    figures: [{ id: 'top-artists-chart', headers: ['Artist', 'Plays'] }],
    async load({ period, date }, signal) {
      const ranks = (await get(`/stats/top/artists${query({ period, date, limit: TOP })}`, signal)).items;
      if (ranks.length === 0) {
        return [null];
      }
      return [{
        config: rankingBars(ranks.map((rank) => rank.artist), ranks.map((rank) => rank.plays)),
        rows: ranks.map((rank) => [rank.artist, rank.plays]),
        height: `${4 + ranks.length * 2}rem`,
      }];
    },
  });
}

function genresPanel() {
  // The colour key: from the palest square (fewest plays) to the deepest (the most, named once loaded).
  const most = el('span');
  const note = el('span', {}, 'Each square is a genre in an hour of the day (UTC); the darker the square, the more plays. ',
    el('span', { className: 'dashboard-key' }, 'Fewest',
      el('span', { className: 'dashboard-key-scale', 'aria-hidden': 'true', style: `background: linear-gradient(to right, ${shade(0.15)}, ${shade(1)})` }),
      most));
  return panel({
    id: 'genres',
    heading: 'Genres by hour of day',
    note,
    fields: rangeFields('genres'),
    figures: [{ id: 'genres-chart', headers: ['Genre', 'Hour (UTC)', 'Plays'] }],
    async load({ from, to }, signal) {
      const cells = (await get(`/stats/genres/by-hour${query({ from, to })}`, signal)).items
        .map((cell) => ({ ...cell, genre: cell.genre || 'No genre' }));
      if (cells.length === 0) {
        return [null];
      }
      // Genres in order of their plays over the whole day, the most played on top.
      const totals = new Map();
      cells.forEach((cell) => totals.set(cell.genre, (totals.get(cell.genre) || 0) + cell.plays));
      const genres = [...totals.keys()].sort((a, b) => totals.get(b) - totals.get(a) || a.localeCompare(b));
      const ordered = [...cells].sort((a, b) => genres.indexOf(a.genre) - genres.indexOf(b.genre) || a.hour - b.hour);
      const top = Math.max(...cells.map((cell) => cell.plays));
      most.textContent = `most: ${top} ${top === 1 ? 'play' : 'plays'}`;
      return [{
        config: genreHourHeatmap(genres, ordered),
        rows: ordered.map((cell) => [cell.genre, hourLabel(cell.hour), cell.plays]),
        height: `${6 + genres.length * 2.2}rem`,
      }];
    },
  });
}

function breakdownPanel() {
  return panel({
    id: 'breakdown',
    heading: 'Plays by country, platform and device',
    fields: rangeFields('breakdown'),
    // Countries can be many: bars, a row each; platforms and devices are few: shares of a doughnut.
    figures: DIMENSIONS.map(([by, label]) => ({ id: `breakdown-${by}`, caption: `By ${by}`, headers: [label, 'Plays'], wide: by === 'country' })),
    async load({ from, to }, signal) {
      const answers = await Promise.all(DIMENSIONS.map(([by]) => get(`/stats/breakdown${query({ by, from, to })}`, signal)));
      return answers.map((answer, index) => {
        const entries = answer.items;
        if (entries.length === 0) {
          return null;
        }
        const by = DIMENSIONS[index][0];
        const plays = entries.map((entry) => entry.plays);
        if (by === 'country') {
          const labels = entries.map((entry) => countryName(entry.value));
          return { config: rankingBars(labels, plays), rows: entries.map((entry, at) => [labels[at], entry.plays]), height: `${4 + entries.length * 1.6}rem` };
        }
        const labels = entries.map((entry) => entry.value || 'Unknown');
        return { config: sharesDoughnut(labels, plays), rows: entries.map((entry, at) => [labels[at], entry.plays]) };
      });
    },
  });
}

export function render(view) {
  const panels = [dailyPanel(), topTracksPanel(), topArtistsPanel(), genresPanel(), breakdownPanel()];
  view.append(
    el('h2', { id: 'view-heading' }, 'Listening dashboard'),
    el('p', { className: 'status' }, 'Plays counted by the platform; days and hours are UTC.'),
    el('div', { className: 'dashboard' }, ...panels.map((part) => part.element)));
  return () => panels.forEach((part) => part.dispose());
}
