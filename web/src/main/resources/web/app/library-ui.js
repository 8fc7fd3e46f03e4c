// What the library's views share: lists read a page at a time with "Load more", dates, sections.

import { attempt, el } from './ui.js';

/** A section of a view, labelled by its own heading. */
export function section(idPrefix, heading, ...children) {
  const headingId = `${idPrefix}-heading`;
  return el('section', { className: 'library-section', 'aria-labelledby': headingId }, el('h3', { id: headingId }, heading), ...children);
}

/**
 * Awaits a view's first read. Answers null when the listener has moved on to another view meanwhile
 * (its heading gone from the page), so that a late answer or failure never lands in the next view.
 */
export async function whileShown(heading, reading) {
  try {
    const answer = await reading;
    return heading.isConnected ? answer : null;
  } catch (failure) {
    if (heading.isConnected) {
      throw failure;
    }
    return null;
  }
}

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A <time> for an ISO instant, shown in the reader's own way. */
export function when(instant) {
  return el('time', { dateTime: instant }, WHEN.format(new Date(instant)));
}

/**
 * A list filled a page at a time: {@code loadPage(cursor)} answers {items, nextCursor}; {@code render(items,
 * start)} answers the new rows (start: how many came before them, 0 when the list starts again). The "Load more"
 * button shows while there is a next page; once pressed, focus moves to the first new row. The status
 * line says how many are shown. Answers {element, load()}; load() starts again from the first page.
 */
export function pagedList({ list, loadPage, render, noun, empty, status = el('p', { className: 'status', 'aria-live': 'polite' }) }) {
  const loaded = [];
  let cursor = null;
  const more = el('button', { type: 'button', className: 'more', hidden: true }, `Load more ${noun.plural}`);

  function describe() {
    const count = loaded.length;
    status.textContent = count === 0 ? empty : `Showing ${count} ${count === 1 ? noun.one : noun.plural}${cursor ? '; more to load' : ''}.`;
  }

  async function next(first) {
    more.disabled = true;
    const answer = await attempt(async () => {
      const page = await loadPage(first ? null : cursor);
      const before = first ? [] : loaded;
      return { page, rows: await render(page.items, before.length) };
    });
    more.disabled = false;
    if (!answer) {
      return;
    }
    if (first) {
      loaded.length = 0;
      list.replaceChildren();
    }
    loaded.push(...answer.page.items);
    list.append(...answer.rows);
    cursor = answer.page.nextCursor;
    more.hidden = !cursor;
    describe();
    if (!first && answer.rows.length) {
      answer.rows[0].tabIndex = -1;
      answer.rows[0].focus();
    }
  }

  more.addEventListener('click', () => next(false));
  return {
    element: el('div', { className: 'paged' }, status, list, more),
    load: () => next(true),
  };
}
