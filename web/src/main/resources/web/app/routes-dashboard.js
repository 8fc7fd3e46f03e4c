// The listening dashboard (role "admin"): the platform's plays drawn with a charting library.
// Each route's view is a module under views/ with render(view, params, query) (see app.js).

import * as dashboardView from './views/dashboard.js';

/** Operator-only: the links show in the operator's navigation, for users with role "admin". */
export const admin = true;

/** {pattern, view, title}: the address after "#" matched against pattern; its groups are the params. */
export const routes = [
  { pattern: /^\/dashboard$/, view: dashboardView, title: 'Listening dashboard' },
];

/** {href, label}: links in the navigation, in order. */
export const links = [{ href: '#/dashboard', label: 'Dashboard' }];

/** Runs once the page knows who is signed in ({username, roles}). */
export function start() {
}
