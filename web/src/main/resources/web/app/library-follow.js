// Following an artist or a genre from its page: one button that says what pressing it does, and a
// polite line that says what it did. Whether you follow it already is read from your subscriptions.

import { follow, follows, unfollow } from './library-api.js';
import { attempt, el } from './ui.js';

/** A Follow/Unfollow button for an artist ("artists", id) or a genre ("genres", name), with a polite status line. */
export function followButton(kind, subject, name, signal) {
  const status = el('span', { className: 'status follow-status', 'aria-live': 'polite' });
  const button = el('button', { type: 'button', className: 'follow', disabled: true }, 'Follow');
  let following = false;

  function showState() {
    button.textContent = following ? 'Unfollow' : 'Follow';
    button.setAttribute('aria-label', `${following ? 'Unfollow' : 'Follow'} ${name}`);
    button.classList.toggle('following', following);
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    const done = await attempt(() => (following ? unfollow(kind, subject) : follow(kind, subject)));
    button.disabled = false;
    if (done !== undefined) {
      following = !following;
      showState();
      status.textContent = following ? `You follow ${name}: new releases will show in your notifications.` : `You no longer follow ${name}.`;
    }
  });
  showState();
  attempt(() => follows(kind, subject, signal)).then((answer) => {
    if (answer !== undefined) {
      following = answer;
      showState();
      button.disabled = false;
    }
  });
  return el('span', { className: 'follow-control' }, button, status);
}

