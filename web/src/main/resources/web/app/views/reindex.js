// Re-index (operator): search-service builds a new index from track-ingested while searches go on,
// then swaps its alias. One runs at a time: starting while one runs follows that one instead.

import { followJob, startJob } from '../operator-api.js';
import { jobPanel } from '../operator-ui.js';
import { attempt, el } from '../ui.js';

export function render(view, [jobId], query) {
  view.append(el('h2', { id: 'view-heading' }, 'Re-index search'),
    el('p', {}, 'Rebuilds the search index from every track\'s latest revision, then switches searches to it; searches go on meanwhile.'));
  const start = el('button', { type: 'button', id: 'reindex-start' }, jobId ? 'Start another re-index' : 'Start a re-index');
  start.addEventListener('click', async () => {
    start.disabled = true;
    const started = await attempt(() => startJob('/search/reindex'));
    start.disabled = false;
    if (started) {
      window.location.hash = `#/admin/reindex/${encodeURIComponent(started.id)}${started.running ? '?already=running' : ''}`;
    }
  });
  view.append(el('div', { className: 'buttons' }, start));
  if (!jobId) {
    return undefined;
  }
  const notice = query.get('already') === 'running'
    ? el('p', { id: 'reindex-notice', className: 'notice' }, 'A re-index was already running: this is its progress.') : null;
  // A re-index's done counts every record read, the unreadable ones (failed) among them.
  const panel = jobPanel('reindex', 'Re-index progress', {
    describe: (job) => (job.fromIndex || job.toIndex ? `From ${job.fromIndex || 'no index'} to ${job.toIndex || '…'}` : null),
  });
  view.append(...[notice, el('p', {}, 'Re-index ', el('code', {}, jobId)), panel.element].filter(Boolean));
  const following = new AbortController();
  start.disabled = true;
  attempt(() => followJob(`/search/reindex/${encodeURIComponent(jobId)}`, panel.show, following.signal))
    .then(() => { start.disabled = false; });
  return () => following.abort();
}
