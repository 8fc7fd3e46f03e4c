// Bulk import (operator): start a job importing every object under a bucket prefix, or every file of
// a folder of the service's disk, and follow it (#/admin/imports/<id>) until it ends, errors listed.

import { followJob, startJob } from '../operator-api.js';
import { jobPanel } from '../operator-ui.js';
import { attempt, el } from '../ui.js';

function startForm() {
  const source = (value, label, checked) => el('label', { className: 'choice' },
    el('input', { type: 'radio', name: 'source', value, checked }), ` ${label}`);
  const location = el('input', { id: 'import-location', name: 'location', type: 'text', required: true, autocomplete: 'off',
    placeholder: 'imports/2026-11-label-x/', 'aria-describedby': 'import-location-hint' });
  const hint = el('small', { id: 'import-location-hint', className: 'hint' });
  const form = el('form', { id: 'import-form', className: 'operator-form' },
    el('fieldset', {}, el('legend', {}, 'Import from'), source('prefix', 'a prefix of the media bucket', true), source('folder', 'a folder of the ingestion service\'s disk', false)),
    el('div', { className: 'field' }, el('label', { for: 'import-location' }, 'Prefix or folder'), location, hint),
    el('div', { className: 'buttons' }, el('button', { type: 'submit', id: 'import-start' }, 'Start import')));
  const describe = () => {
    const folder = form.elements.source.value === 'folder';
    hint.textContent = folder ? 'An absolute folder allowed by the service\'s import-folders setting' : 'Every object under it is imported (not under uploads/ or audio/)';
    location.placeholder = folder ? '/srv/music/incoming/label-x' : 'imports/2026-11-label-x/';
  };
  form.addEventListener('change', describe);
  describe();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const kind = form.elements.source.value;
    const started = await attempt(() => startJob('/ingestion/imports', { [kind]: location.value.trim() }));
    if (started) {
      window.location.hash = `#/admin/imports/${encodeURIComponent(started.id)}`;
    }
  });
  return form;
}

export function render(view, [jobId]) {
  view.append(el('h2', { id: 'view-heading' }, 'Bulk import'));
  if (!jobId) {
    view.append(el('p', {}, 'Imports every audio file found; each becomes a track (or is counted as a duplicate of one), and files that are not audio are listed with the reason.'),
      startForm());
    return undefined;
  }
  const panel = jobPanel('import', 'Import progress', {
    // An import's done counts the files imported (or duplicates), failed those refused: both are behind it.
    processed: (job) => (job.done || 0) + (job.failed || 0),
    describe: (job) => `${job.sourceKind === 'FOLDER' ? 'Folder' : 'Bucket prefix'} ${job.source}: ${job.done} imported, ${job.failed} failed`,
  });
  view.append(el('p', {}, 'Import ', el('code', {}, jobId)), panel.element,
    el('p', {}, el('a', { href: '#/admin/imports', id: 'import-another' }, 'Start another import')));
  const following = new AbortController();
  attempt(() => followJob(`/ingestion/imports/${encodeURIComponent(jobId)}`, panel.show, following.signal));
  return () => following.abort();
}
