// One section of the dashboard: its heading, a small form choosing the period, and its figures. Each
// figure is a chart with the same numbers in a visually hidden table (what screen readers read), and a
// status line that says "Loading…", "No plays in this period" or the problem's title.

import { erase, draw } from './dashboard-charts.js';
import { ApiError } from './api.js';
import { el } from './ui.js';

export const NO_PLAYS = 'No plays in this period';

/** Today as YYYY-MM-DD in UTC, the days the statistics count in. */
export function today() {
  return new Date().toISOString().substring(0, 10);
}

/** The day {@code days} before {@code day} (YYYY-MM-DD, UTC). */
export function daysBefore(day, days) {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().substring(0, 10);
}

/** A labelled date input. */
export function dateField(id, name, label, value) {
  return el('div', { className: 'dashboard-field' },
    el('label', { for: id }, label),
    el('input', { id, name, type: 'date', value, required: true }));
}

/** A labelled choice of day, week or month. */
export function periodField(id, value = 'week') {
  const select = el('select', { id, name: 'period' },
    ...[['day', 'Day'], ['week', 'Week'], ['month', 'Month']].map(([period, label]) => el('option', { value: period }, label)));
  select.value = value;
  return el('div', { className: 'dashboard-field' }, el('label', { for: id }, 'Period'), select);
}

/** The usual range: the last 30 days up to today. */
export function rangeFields(id) {
  const to = today();
  return [dateField(`${id}-from`, 'from', 'From', daysBefore(to, 29)), dateField(`${id}-to`, 'to', 'To', to)];
}

/**
 * What a failure says on the panel: the problem's title, as the page's alert line would show it, and its
 * detail when it has one (a 400's title is "Invalid request"; its detail says which date was wrong).
 */
function problemTitle(failure) {
  if (!(failure instanceof ApiError)) {
    return 'Something went wrong; try again.';
  }
  if (failure.status === 401) {
    return `${failure.message}. Reload the page to sign in.`;
  }
  return failure.problem.detail ? `${failure.message}: ${failure.problem.detail}` : failure.message;
}

function figure({ id, caption, headers, titled, wide }) {
  const heading = titled ? el('h4', { id: `${id}-heading` }, caption) : null;
  const status = el('p', { className: 'dashboard-status', role: 'status' });
  const canvas = el('canvas', { role: 'img', 'aria-label': `${caption}: the numbers are in the table that follows` });
  const frame = el('div', { className: 'dashboard-canvas', hidden: true }, canvas);
  const body = el('tbody');
  // A table ignores height and overflow, so the box that hides it is a div around it.
  const table = el('div', { className: 'visually-hidden' }, el('table', { id: `${id}-table` },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...headers.map((header) => el('th', { scope: 'col' }, header)))),
    body));
  const element = el('figure', { className: `dashboard-figure${wide ? ' wide' : ''}`, id, 'data-state': 'loading' }, heading, status, frame, table);

  function state(name, text) {
    element.dataset.state = name;
    status.textContent = text;
    status.classList.toggle('error', name === 'failed');
  }

  return {
    element,
    loading() {
      state('loading', 'Loading…');
    },
    /** Draws the chart and fills the table; rows of cells, the first a row header; height: the chart's, when not the usual. */
    show(config, rows, height) {
      body.replaceChildren(...rows.map(([first, ...rest]) => el('tr', {}, el('th', { scope: 'row' }, String(first)), ...rest.map((cell) => el('td', {}, String(cell))))));
      frame.hidden = false;
      frame.style.height = height || '';
      draw(canvas, config);
      state('ready', '');
    },
    empty() {
      erase(canvas);
      frame.hidden = true;
      body.replaceChildren();
      state('empty', NO_PLAYS);
    },
    failed(title) {
      erase(canvas);
      frame.hidden = true;
      body.replaceChildren();
      state('failed', title);
    },
    dispose() {
      erase(canvas);
    },
  };
}

/**
 * A section of the dashboard. {@code figures}: [{id, caption, headers, wide}] (caption null for the
 * section's only chart; wide: the whole width where figures sit side by side); {@code note}: a line under the form. {@code load(values, signal)} reads the form's values
 * and answers, for each figure, {config, rows, height} to draw, or null when there were no plays. Loads at once and again on each "Show".
 * Answers {element, dispose}.
 */
export function panel({ id, heading, note, fields, figures, load }) {
  const parts = figures.map((part) => figure({ ...part, caption: part.caption || heading, titled: Boolean(part.caption) }));
  const form = el('form', { className: 'dashboard-controls', 'aria-label': `Period of ${heading.toLowerCase()}` },
    ...fields, el('button', { type: 'submit' }, 'Show'));
  const element = el('section', { className: 'dashboard-panel', id, 'aria-labelledby': `${id}-heading` },
    el('h3', { id: `${id}-heading` }, heading), form, note ? el('p', { className: 'dashboard-note' }, note) : null, ...parts.map((part) => part.element));
  let pending = null;

  async function refresh() {
    pending?.abort();
    const call = new AbortController();
    pending = call;
    parts.forEach((part) => part.loading());
    try {
      const values = Object.fromEntries(new FormData(form));
      const results = await load(values, call.signal);
      results.forEach((result, index) => (result ? parts[index].show(result.config, result.rows, result.height) : parts[index].empty()));
    } catch (failure) {
      if (failure.name !== 'AbortError') {
        parts.forEach((part) => part.failed(problemTitle(failure)));
      }
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    refresh();
  });
  refresh();
  return {
    element,
    dispose() {
      pending?.abort();
      parts.forEach((part) => part.dispose());
    },
  };
}
