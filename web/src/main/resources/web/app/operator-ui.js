// What the operator's views share: the track's metadata fields (upload overrides, corrections), a
// labelled progress bar with its text, and a job's progress panel (imports, re-index).

import { el } from './ui.js';

/** The editable fields of a track, as ingestion-service's TrackChanges names them. */
const FIELDS = [
  { name: 'title', label: 'Title' },
  { name: 'artists', label: 'Artists', hint: 'Main artist first, separated by commas', list: true },
  { name: 'album', label: 'Album' },
  { name: 'albumArtist', label: 'Album artist' },
  { name: 'genre', label: 'Genre' },
  { name: 'year', label: 'Year', number: true, min: 1000, max: 9999 },
  { name: 'trackNumber', label: 'Track number', number: true, min: 1, max: 10000 },
  { name: 'discNumber', label: 'Disc number', number: true, min: 1, max: 1000 },
  { name: 'territories', label: 'Territories', hint: 'Country codes such as FR, BE; empty means everywhere', list: true, upper: true },
];

function shown(value) {
  if (Array.isArray(value)) {
    return value.join(', ');
  }
  return value === undefined || value === null ? '' : String(value);
}

/**
 * A fieldset of the metadata fields, ids prefixed with {@code prefix}, filled from {@code track}
 * when given. Answers {fieldset, values(), changes(track)}: values() the non-empty fields (for an
 * upload's overrides), changes(track) those that differ from the track (for a PATCH).
 */
export function metadataFields(prefix, legend, track = {}) {
  const inputs = {};
  const rows = FIELDS.map((field) => {
    const id = `${prefix}-${field.name}`;
    const hintId = field.hint ? `${id}-hint` : null;
    inputs[field.name] = el('input', {
      id, name: field.name, type: field.number ? 'number' : 'text', inputMode: field.number ? 'numeric' : null,
      min: field.min, max: field.max, value: shown(track[field.name]), 'aria-describedby': hintId, autocomplete: 'off',
    });
    return el('div', { className: 'field' }, el('label', { for: id }, field.label), inputs[field.name],
      hintId ? el('small', { id: hintId, className: 'hint' }, field.hint) : null);
  });
  const fieldset = el('fieldset', { className: 'metadata' }, el('legend', {}, legend), ...rows);

  function read(field) {
    const text = inputs[field.name].value.trim();
    if (field.list) {
      return text.split(',').map((part) => (field.upper ? part.trim().toUpperCase() : part.trim())).filter(Boolean);
    }
    if (field.number) {
      return text === '' ? null : Number(text);
    }
    return text === '' ? null : text;
  }

  function values() {
    const body = {};
    for (const field of FIELDS) {
      const value = read(field);
      if (value !== null && !(Array.isArray(value) && value.length === 0)) {
        body[field.name] = value;
      }
    }
    return body;
  }

  function changes(current) {
    const body = {};
    for (const field of FIELDS) {
      const value = read(field);
      if (shown(value) !== shown(current[field.name])) {
        // A field emptied is left as it is by the API (null means "no change"), except territories: [] is "everywhere".
        if (value !== null && !(field.name === 'artists' && value.length === 0)) {
          body[field.name] = value;
        }
      }
    }
    return body;
  }

  return { fieldset, values, changes };
}

/** "3.4 MB" from bytes. */
export function size(bytes) {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * A labelled <progress> with a line of text under it: {element, bar, text, set(value, max, words)}.
 * With no max yet, the bar is indeterminate.
 */
export function progressBar(id, label) {
  const bar = el('progress', { id, max: 1, 'aria-describedby': `${id}-text` });
  bar.removeAttribute('value');
  const text = el('p', { id: `${id}-text`, className: 'progress-text' });
  const element = el('div', { className: 'progress' }, el('label', { for: id }, label), bar, text);
  return {
    element, bar, text,
    set(value, max, words) {
      if (max > 0) {
        bar.max = max;
        bar.value = Math.min(value, max);
      } else {
        bar.removeAttribute('value');
      }
      text.textContent = words;
    },
  };
}

function percent(part, whole) {
  return whole > 0 ? Math.floor((100 * part) / whole) : 0;
}

const STATES = { PENDING: 'Waiting to start', RUNNING: 'Running', SUCCEEDED: 'Finished', FAILED: 'Failed' };

/**
 * A job's panel: its state (a live region: screen readers hear it start and end), a progress bar of
 * the items processed against total, and the errors it reports. {element, show(job)}. {@code processed}
 * answers how many items are behind (jobs count differently), {@code describe} a line about the job.
 */
export function jobPanel(id, label, { processed = (job) => job.done || 0, describe = () => null } = {}) {
  const state = el('p', { id: `${id}-state`, className: 'job-state', 'aria-live': 'polite' });
  const progress = progressBar(`${id}-progress`, label);
  const details = el('p', { className: 'job-details' });
  const errorsHeading = el('h3', { id: `${id}-errors-heading`, hidden: true }, 'Errors');
  const errors = el('ul', { id: `${id}-errors`, className: 'job-errors', 'aria-labelledby': `${id}-errors-heading` });
  const element = el('section', { className: 'job', 'aria-label': label }, state, progress.element, details, errorsHeading, errors);
  let lastState = null;

  function show(job) {
    // A finished job has nothing left, whatever its count says (as the services' job progress metric).
    const behind = job.state === 'SUCCEEDED' ? job.total || 0 : Math.min(processed(job), job.total || 0);
    const words = job.total > 0 ? `${behind} of ${job.total} (${percent(behind, job.total)}%)` : (job.state === 'SUCCEEDED' ? 'Nothing to do' : 'Counting…');
    progress.set(behind, job.total > 0 ? job.total : (job.state === 'SUCCEEDED' ? 1 : 0), `${words}${job.failed ? `, ${job.failed} failed` : ''}`);
    if (job.state === 'SUCCEEDED' && !(job.total > 0)) {
      progress.bar.value = 1;
    }
    if (job.state !== lastState) {
      // Only a change of state is announced; the bar's own value is there for whoever looks.
      state.textContent = `${STATES[job.state] || job.state}${job.error ? `: ${job.error}` : ''}`;
      lastState = job.state;
    }
    state.dataset.state = job.state;
    details.textContent = [describe(job), job.startedAt ? `Started ${new Date(job.startedAt).toLocaleString()}` : null,
      job.finishedAt ? `finished ${new Date(job.finishedAt).toLocaleString()}` : null].filter(Boolean).join(' · ');
    const reported = job.errors || [];
    errorsHeading.hidden = reported.length === 0;
    errors.replaceChildren(...reported.map((error) => (typeof error === 'string' ? el('li', {}, error)
      : el('li', {}, el('span', { className: 'item' }, error.item), `: ${error.reason}`))));
  }

  return { element, show };
}
