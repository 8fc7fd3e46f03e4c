// The listener's views beyond search, each a module under views/ with render(view, params): the
// address after "#" is matched against {@code pattern}, and its groups are the params.

export const routes = [];

/** Links in the main navigation, in order. */
export const links = [];

/** Runs once the page knows who is signed in (for example the notification bell in the header). */
export function start(me) {
  return me;
}
