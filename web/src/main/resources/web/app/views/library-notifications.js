// Your notifications (#/notifications), newest first, a page at a time: new releases of the artists
// and genres you follow, and changes others made to your shared playlists. "Mark all as read" marks
// the newest and every older one. A notification arriving on the page's stream reloads the list.

import { markRead, notifications } from '../library-api.js';
import { NOTIFICATION_EVENT, refreshUnread } from '../library-bell.js';
import { pagedList, when } from '../library-ui.js';
import { attempt, el } from '../ui.js';

const PER_PAGE = 20;

function describe(notification) {
  if (notification.kind === 'playlist-change' && notification.playlist) {
    const changes = notification.changes || 1;
    return [el('span', { className: 'title' }, `${notification.changedBy || 'Someone'} changed `,
      el('a', { href: `#/playlists/${notification.playlist.id}` }, notification.playlist.name)),
      el('div', { className: 'meta' }, `${changes} ${changes === 1 ? 'change' : 'changes'} · `, when(notification.updatedAt))];
  }
  const match = notification.matched;
  const from = !match ? 'New release' : match.kind === 'ARTIST'
    ? ['New from ', el('a', { href: `#/artists/${match.id}` }, match.name)] : `New in ${match.name}`;
  const what = notification.album ? el('a', { href: `#/albums/${notification.album.id}` }, notification.album.title) : null;
  const titles = (notification.tracks || []).map((track) => track.title).join(', ');
  return [el('span', { className: 'title' }, from, what ? [': ', what] : ''),
    el('div', { className: 'meta' }, titles ? `${titles} · ` : '', when(notification.updatedAt))];
}

export function render(view) {
  const calls = new AbortController();
  let newest = null;
  const list = el('ol', { className: 'notifications', id: 'notifications', 'aria-labelledby': 'view-heading' });
  const readAll = el('button', { type: 'button', id: 'mark-all-read', disabled: true }, 'Mark all as read');
  const summary = el('p', { id: 'unread-summary', 'aria-live': 'polite' });

  const paged = pagedList({
    list,
    noun: { one: 'notification', plural: 'notifications' },
    empty: 'No notification yet: follow artists and genres to hear of their new releases.',
    loadPage: async (cursor) => {
      const page = await notifications(cursor, PER_PAGE, calls.signal);
      if (!cursor) {
        newest = page.items.length ? page.items[0].id : null;
        summary.textContent = page.unreadCount === 0 ? 'All read.' : `${page.unreadCount} unread.`;
        readAll.disabled = page.unreadCount === 0;
      }
      return page;
    },
    render: (items) => items.map((notification) => el('li', { className: notification.read ? 'read' : 'unread', 'data-notification-id': notification.id },
      el('div', { className: 'text' }, notification.read ? null : el('span', { className: 'new' }, 'New'), ...describe(notification)))),
  });

  readAll.addEventListener('click', async () => {
    if (newest && await attempt(() => markRead(newest)) !== undefined) {
      await paged.load();
      refreshUnread();
      summary.focus();
    }
  });
  summary.tabIndex = -1;
  const reload = () => paged.load();
  window.addEventListener(NOTIFICATION_EVENT, reload);

  view.append(el('h2', { id: 'view-heading' }, 'Notifications'), el('div', { className: 'toolbar' }, summary, readAll), paged.element);
  paged.load();
  return () => {
    window.removeEventListener(NOTIFICATION_EVENT, reload);
    calls.abort();
  };
}
