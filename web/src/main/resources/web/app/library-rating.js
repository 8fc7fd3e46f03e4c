// Your rating of a track, 1 to 5 stars, as a labelled <select> on every track row (the keyboard and
// screen readers know it as is). A row reads your rating only when you reach the control (focus or
// pointer), so a list of fifty rows makes no call; an album page asks for its rows' ratings at once.

import { myRating, rate, unrate } from './library-api.js';
import { attempt, el } from './ui.js';

// Until your rating is read (on focus), the empty choice says "Rate" rather than claim "Not rated".
const CHOICES = [['', 'Rate'], ['1', '1 star'], ['2', '2 stars'], ['3', '3 stars'], ['4', '4 stars'], ['5', '5 stars']];

function average(rating) {
  if (!rating || !rating.count || rating.average === null || rating.average === undefined) {
    return null;
  }
  const mean = rating.average.toFixed(1);
  const ratings = `${rating.count} ${rating.count === 1 ? 'rating' : 'ratings'}`;
  return el('span', { className: 'rating-average', title: `Average of ${ratings}` },
    el('span', { 'aria-hidden': 'true' }, `★ ${mean}`),
    el('span', { className: 'visually-hidden' }, `Average ${mean} of 5 from ${ratings}`));
}

// Tracks whose rows read the rating as soon as they are made (an album's).
const readAtOnce = new WeakSet();

/** The rows made for these tracks read your rating at once, not on focus. */
export function readRatingsAtOnce(tracks) {
  tracks.forEach((track) => readAtOnce.add(track));
  return tracks;
}

/**
 * The rating control of one track ({trackId, title}). With {@code eager} (by default, for the tracks of
 * readRatingsAtOnce), it reads your rating at once; otherwise on first focus or pointer. A choice made before the reading arrives wins over it.
 */
export function ratingControl(track, { eager = readAtOnce.has(track) } = {}) {
  const select = el('select', { className: 'rating', 'aria-label': `Your rating of ${track.title}`, 'data-rating-of': track.trackId },
    ...CHOICES.map(([value, label]) => el('option', { value }, label)));
  const said = el('span', { className: 'visually-hidden', 'aria-live': 'polite' });
  let kept = '';
  let reading = null;
  let chosen = false;

  function read() {
    if (!reading) {
      select.setAttribute('aria-busy', 'true');
      reading = attempt(() => myRating(track.trackId)).then((stars) => {
        select.removeAttribute('aria-busy');
        if (stars === undefined) {
          reading = null; // failed (shown): the next focus tries again
        } else if (!chosen) {
          kept = stars ? String(stars) : '';
          select.options[0].textContent = 'Not rated';
          select.value = kept;
          select.dataset.loaded = 'true';
        }
      });
    }
    return reading;
  }

  select.addEventListener('focus', read);
  select.addEventListener('pointerdown', read);
  select.addEventListener('change', async () => {
    chosen = true;
    const stars = select.value;
    const saved = await attempt(() => (stars ? rate(track.trackId, Number(stars)) : unrate(track.trackId)));
    if (saved === undefined) {
      select.value = kept;
      return;
    }
    kept = stars;
    select.options[0].textContent = 'Not rated';
    select.dataset.loaded = 'true';
    said.textContent = stars ? `Rated ${track.title} ${stars} of 5.` : `Rating of ${track.title} removed.`;
  });
  if (eager) {
    read();
  }
  return el('span', { className: 'rating-control' }, average(track.rating), select, said);
}
