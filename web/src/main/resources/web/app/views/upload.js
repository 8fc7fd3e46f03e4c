// Upload (operator): pick an audio file, optionally override its tags, then the presigned flow of
// ingestion-service: announce it, PUT the bytes straight to the storage (with progress), complete.

import { request } from '../api.js';
import { putToStorage } from '../operator-api.js';
import { metadataFields, progressBar, size } from '../operator-ui.js';
import { artistsOf, clearError, el, showError } from '../ui.js';

export function render(view) {
  const file = el('input', { id: 'upload-file', name: 'file', type: 'file', accept: 'audio/*', required: true, 'aria-describedby': 'upload-file-hint' });
  const metadata = metadataFields('upload', 'Metadata (optional: the file\'s tags are used otherwise)');
  const send = el('button', { type: 'submit', id: 'upload-start' }, 'Upload');
  const cancel = el('button', { type: 'button', id: 'upload-cancel', className: 'secondary', hidden: true }, 'Cancel');
  const form = el('form', { id: 'upload-form', className: 'operator-form' },
    el('div', { className: 'field' },
      el('label', { for: 'upload-file' }, 'Audio file'), file,
      el('small', { id: 'upload-file-hint', className: 'hint' }, 'MP3, FLAC, WAV, AAC/M4A, Ogg Vorbis or Opus; the content is checked, not the name')),
    metadata.fieldset,
    el('div', { className: 'buttons' }, send, cancel));
  const status = el('p', { id: 'upload-status', className: 'status', 'aria-live': 'polite' });
  const progress = progressBar('upload-progress', 'Upload progress');
  progress.element.hidden = true;
  const result = el('section', { id: 'upload-result', className: 'result', 'aria-labelledby': 'upload-result-heading', hidden: true });
  view.append(el('h2', { id: 'view-heading' }, 'Upload a track'), form, status, progress.element, result);

  let transfer = null;

  function showTrack(answer) {
    const { track } = answer;
    result.replaceChildren(...[
      el('h3', { id: 'upload-result-heading' }, answer.duplicate ? 'Already in the catalog' : 'Track added'),
      el('p', {}, answer.duplicate ? 'This audio already is a track; nothing new was published.' : `Revision ${track.revision} was published; search shows it within seconds.`),
      el('dl', { className: 'facts' },
        el('dt', {}, 'Title'), el('dd', { id: 'upload-track-title' }, track.title),
        el('dt', {}, 'Artists'), el('dd', {}, artistsOf(track)),
        el('dt', {}, 'Track id'), el('dd', { id: 'upload-track-id' }, el('code', {}, track.id))),
      (answer.warnings || []).length ? el('ul', { className: 'warnings', 'aria-label': 'Warnings' }, ...answer.warnings.map((warning) => el('li', {}, warning))) : null,
      el('p', { className: 'links-row' },
        el('a', { href: `#/admin/tracks?q=${encodeURIComponent(track.title)}`, id: 'upload-search-link' }, `Find “${track.title}” in search`),
        el('a', { href: `#/admin/tracks/${encodeURIComponent(track.id)}`, id: 'upload-track-link' }, 'Correct or take down')),
    ].filter(Boolean));
    result.hidden = false;
  }

  async function upload(event) {
    event.preventDefault();
    const chosen = file.files[0];
    if (!chosen) {
      status.textContent = 'Choose an audio file first.';
      file.focus();
      return;
    }
    clearError();
    result.hidden = true;
    send.disabled = true;
    cancel.hidden = false;
    transfer = new AbortController();
    progress.element.hidden = false;
    progress.set(0, chosen.size, `0 B of ${size(chosen.size)} (0%)`);
    try {
      status.textContent = `Announcing ${chosen.name}…`;
      const ticket = (await request('POST', '/ingestion/uploads', {
        body: { fileName: chosen.name, contentType: chosen.type || 'application/octet-stream', sizeBytes: chosen.size },
        signal: transfer.signal,
      })).body;
      status.textContent = `Sending ${chosen.name} to the storage…`;
      await putToStorage(ticket, chosen, (sent, total) => {
        progress.set(sent, total, `${size(sent)} of ${size(total)} (${Math.floor((100 * sent) / total)}%)`);
      }, transfer.signal);
      status.textContent = 'Checking the audio and publishing the track…';
      cancel.hidden = true;
      const answer = (await request('POST', `/ingestion/uploads/${encodeURIComponent(ticket.uploadId)}/complete`, {
        body: metadata.values(), signal: transfer.signal,
      })).body;
      status.textContent = answer.duplicate ? `Already a track: ${answer.track.title}.` : `Uploaded: ${answer.track.title}.`;
      showTrack(answer);
    } catch (failure) {
      status.textContent = failure.name === 'AbortError' ? 'Upload cancelled.' : 'Upload failed.';
      if (failure.name !== 'AbortError') {
        showError(failure);
      }
    } finally {
      send.disabled = false;
      cancel.hidden = true;
      transfer = null;
    }
  }

  form.addEventListener('submit', upload);
  cancel.addEventListener('click', () => transfer?.abort());
  file.addEventListener('change', () => {
    const chosen = file.files[0];
    status.textContent = chosen ? `${chosen.name}, ${size(chosen.size)}` : '';
  });
  return () => transfer?.abort();
}
