// The listener's library: artist and album pages, ratings, subscriptions with the notification bell, and "my listening".
// Each route's view is a module under views/ with render(view, params, query) (see app.js).

import { installBell } from './library-bell.js';
import { ratingControl } from './library-rating.js';
import { trackActions } from './ui.js';
import * as album from './views/album.js';
import * as artist from './views/artist.js';
import * as following from './views/following.js';
import * as artists from './views/library-artists.js';
import * as notifications from './views/library-notifications.js';
import * as listening from './views/listening.js';

/** Operator-only: the links show in the operator's navigation, for users with role "admin". */
export const admin = false;

/** {pattern, view, title}: the address after "#" matched against pattern; its groups are the params. */
export const routes = [
  { pattern: /^\/artists$/, view: artists, title: 'Artists' },
  // An artist by id, or by name as search results link them.
  { pattern: /^\/artists\/([^/]+)$/, view: artist, title: 'Artist' },
  { pattern: /^\/albums\/([^/]+)$/, view: album, title: 'Album' },
  { pattern: /^\/following$/, view: following, title: 'Following' },
  { pattern: /^\/notifications$/, view: notifications, title: 'Notifications' },
  { pattern: /^\/listening$/, view: listening, title: 'My listening' },
];

/** {href, label}: links in the navigation, in order. */
export const links = [
  { href: '#/artists', label: 'Artists' },
  { href: '#/following', label: 'Following' },
  { href: '#/listening', label: 'My listening' },
];

/** Runs once the page knows who is signed in ({username, roles}): the bell, and a rating on every track row. */
export function start() {
  installBell(document.getElementById('header-extras'));
  trackActions.push((track) => ratingControl(track));
}
