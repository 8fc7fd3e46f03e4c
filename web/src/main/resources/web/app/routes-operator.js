// The operator's pages (role "admin"): uploads, bulk imports, corrections and takedowns, re-index.
// Each route's view is a module under views/ with render(view, params, query) (see app.js).

import { el, trackActions } from './ui.js';
import * as importsView from './views/imports.js';
import * as reindexView from './views/reindex.js';
import * as trackAdminView from './views/track-admin.js';
import * as uploadView from './views/upload.js';

/** Operator-only: the links show in the operator's navigation, for users with role "admin". */
export const admin = true;

/** {pattern, view, title}: the address after "#" matched against pattern; its groups are the params. */
export const routes = [
  { pattern: /^\/admin\/upload$/, view: uploadView, title: 'Upload' },
  { pattern: /^\/admin\/imports$/, view: importsView, title: 'Bulk import' },
  { pattern: /^\/admin\/imports\/([^/]+)$/, view: importsView, title: 'Bulk import' },
  { pattern: /^\/admin\/tracks$/, view: trackAdminView, title: 'Corrections' },
  { pattern: /^\/admin\/tracks\/([^/]+)$/, view: trackAdminView, title: 'Corrections' },
  { pattern: /^\/admin\/reindex$/, view: reindexView, title: 'Re-index' },
  { pattern: /^\/admin\/reindex\/([^/]+)$/, view: reindexView, title: 'Re-index' },
];

/** {href, label}: links in the navigation, in order. */
export const links = [
  { href: '#/admin/upload', label: 'Upload' },
  { href: '#/admin/imports', label: 'Imports' },
  { href: '#/admin/tracks', label: 'Corrections' },
  { href: '#/admin/reindex', label: 'Re-index' },
];

/** Runs once the page knows who is signed in ({username, roles}): an operator's track rows link to the track's corrections. */
export function start(me) {
  if ((me.roles || []).includes('admin')) {
    trackActions.push((track) => el('a', {
      className: 'button secondary', href: `#/admin/tracks/${encodeURIComponent(track.trackId)}`,
      'aria-label': `Correct ${track.title}`,
    }, 'Correct'));
  }
}
