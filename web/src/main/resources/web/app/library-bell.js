// The notification bell in the header: your unread count, kept live by the catalog's stream
// (GET /api/catalog/me/stream through the relay, one EventSource for the page), announced politely to
// screen readers. Views hear of each notification as a "library:notification" event on window.

import { notifications } from './library-api.js';
import { el } from './ui.js';

export const NOTIFICATION_EVENT = 'library:notification';
const STREAM = '/relay/api/catalog/me/stream';
const FIRST_RETRY_MS = 2000;
const LAST_RETRY_MS = 60000;
const RECOUNT_AFTER_MS = 250;
const SVG = 'http://www.w3.org/2000/svg';

let link = null;
let badge = null;
let announcer = null;
let unread = null;
let source = null;
let retryIn = FIRST_RETRY_MS;
let recount = null;

function show(count) {
  if (count === unread) {
    return;
  }
  const first = unread === null;
  unread = count;
  link.setAttribute('aria-label', `Notifications, ${count} unread`);
  link.classList.toggle('has-unread', count > 0);
  badge.textContent = String(count);
  badge.hidden = count === 0;
  if (!first) {
    announcer.textContent = count === 0 ? 'No unread notifications.' : `${count} unread ${count === 1 ? 'notification' : 'notifications'}.`;
  }
}

/** Reads the unread count again (after "mark all read", or when a notification changed). */
export async function refreshUnread() {
  try {
    show((await notifications(null, 1)).unreadCount);
  } catch (ignored) {
    // The bell keeps its count; the views report failures of their own calls.
  }
}

function open() {
  source = new EventSource(STREAM);
  source.addEventListener('open', () => {
    retryIn = FIRST_RETRY_MS;
  });
  source.addEventListener('ready', (event) => show(JSON.parse(event.data).unreadCount));
  source.addEventListener('notification', (event) => {
    // A notification made, or changed (unread again with a new track): the count is the API's to say,
    // asked once for a burst (a resumed stream replays what it missed one event at a time).
    clearTimeout(recount);
    recount = setTimeout(refreshUnread, RECOUNT_AFTER_MS);
    window.dispatchEvent(new CustomEvent(NOTIFICATION_EVENT, { detail: JSON.parse(event.data) }));
  });
  source.addEventListener('error', () => {
    // EventSource reconnects by itself (resuming with Last-Event-ID) unless the answer was refused
    // (signed out, too many streams): then try again later, less and less often.
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(open, retryIn);
      retryIn = Math.min(retryIn * 2, LAST_RETRY_MS);
    }
  });
}

/** A bell drawn inline (an emoji needs a font that many systems lack), hidden from screen readers. */
function bellIcon() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', 'bell-icon');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2z');
  svg.append(path);
  return svg;
}

/** Puts the bell in {@code container} and opens the page's stream; once per page. */
export function installBell(container) {
  if (link) {
    return;
  }
  badge = el('span', { className: 'bell-count', 'aria-hidden': 'true', hidden: true }, '0');
  link = el('a', { href: '#/notifications', id: 'bell', className: 'bell', 'aria-label': 'Notifications' }, bellIcon(), badge);
  announcer = el('span', { id: 'bell-status', className: 'visually-hidden', 'aria-live': 'polite' });
  container.append(link, announcer);
  refreshUnread();
  open();
}
