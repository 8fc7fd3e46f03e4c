// The operator's pages (role "admin"): uploads, bulk imports, corrections and takedowns, re-index.
// Each route's view is a module under views/ with render(view, params, query) (see app.js).

/** Operator-only: the links show in the operator's navigation, for users with role "admin". */
export const admin = true;

/** {pattern, view, title}: the address after "#" matched against pattern; its groups are the params. */
export const routes = [];

/** {href, label}: links in the navigation, in order. */
export const links = [];

/** Runs once the page knows who is signed in ({username, roles}). */
export function start() {
}
