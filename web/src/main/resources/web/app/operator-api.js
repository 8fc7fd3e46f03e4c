// The operator's calls that api.js's request() does not cover: starting a job whose 409 names the job
// that already runs (in Location), following a job until it ends, and the upload's PUT straight to
// the storage with progress (XMLHttpRequest: fetch reports no upload progress).

import { ApiError, request } from './api.js';

/** How often a running job is asked for its progress. */
export const POLL_MS = 1000;
const FINISHED = new Set(['SUCCEEDED', 'FAILED']);

export function finished(job) {
  return FINISHED.has(job.state);
}

/** The last segment of a Location header: the job's id. */
function idOf(location) {
  return location ? decodeURIComponent(new URL(location, window.location.href).pathname.split('/').filter(Boolean).pop()) : null;
}

/**
 * POST that starts a job: answers {id, running: false} for a new job (202), or {id, running: true}
 * when the service answers 409 with the Location of the job already running. Other failures throw
 * an ApiError with the problem's title.
 */
export async function startJob(path, body) {
  try {
    const answer = await request('POST', path, { body });
    return { id: answer.body?.id || idOf(answer.headers.get('Location')), running: false };
  } catch (failure) {
    const running = failure instanceof ApiError && failure.status === 409 ? idOf(failure.headers.get('Location')) : null;
    if (running) {
      return { id: running, running: true };
    }
    throw failure;
  }
}

/**
 * Asks for a job every POLL_MS until it has finished, handing each answer to {@code onUpdate};
 * resolves with the last. Stops quietly (resolving null) once {@code signal} aborts.
 */
export async function followJob(path, onUpdate, signal) {
  while (!signal.aborted) {
    const job = (await request('GET', path, { signal })).body;
    onUpdate(job);
    if (finished(job)) {
      return job;
    }
    await new Promise((resolve) => {
      const timer = setTimeout(resolve, POLL_MS);
      signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }
  return null;
}

/**
 * PUTs {@code file} to the presigned URL of an upload ticket ({uploadUrl, method, headers}) with the
 * headers it names, reporting {@code onProgress(sent, total)}; resolves when the storage answers 2xx.
 * {@code signal} aborts the transfer.
 */
export function putToStorage(ticket, file, onProgress, signal) {
  return new Promise((resolve, reject) => {
    const transfer = new XMLHttpRequest();
    transfer.open(ticket.method || 'PUT', ticket.uploadUrl);
    for (const [name, value] of Object.entries(ticket.headers || {})) {
      // The browser sets Content-Length itself, from the file.
      if (name.toLowerCase() !== 'content-length') {
        transfer.setRequestHeader(name, value);
      }
    }
    transfer.upload.addEventListener('progress', (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size));
    transfer.addEventListener('load', () => {
      if (transfer.status >= 200 && transfer.status < 300) {
        onProgress(file.size, file.size);
        resolve();
      } else {
        reject(new ApiError(transfer.status, `The storage refused the file (${transfer.status})`));
      }
    });
    transfer.addEventListener('error', () => reject(new ApiError(0, 'The storage could not be reached; check the connection and try again')));
    transfer.addEventListener('abort', () => reject(new DOMException('Upload cancelled', 'AbortError')));
    signal?.addEventListener('abort', () => transfer.abort(), { once: true });
    transfer.send(file);
  });
}
