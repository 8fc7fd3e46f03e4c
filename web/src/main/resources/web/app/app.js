// The page's shell: who is signed in, the navigation, and one view at a time chosen by the address
// after "#" ("#/" is search). Each view renders into <main id="view"> and may answer a clean-up
// function (abort its calls, close its streams) run before the next view.

import { session } from './api.js';
import { installPlayer } from './player.js';
import * as dashboard from './routes-dashboard.js';
import * as library from './routes-library.js';
import * as operator from './routes-operator.js';
import * as playlists from './routes-playlists.js';
import { clearError, el, showError } from './ui.js';
import * as searchView from './views/search.js';

// Areas of the page, each in a routes-<area>.js: its views, its links, what it starts once signed in.
const areas = [library, playlists, operator, dashboard];

const routes = [
  { pattern: /^\/?$/, view: searchView, title: 'Search' },
  ...areas.flatMap((area) => area.routes),
];

let cleanUp = null;

function navigation(me) {
  const item = (link) => el('li', {}, el('a', { href: link.href, 'data-view': link.href }, link.label));
  const main = document.getElementById('nav-links');
  const listenerLinks = areas.filter((area) => !area.admin).flatMap((area) => area.links);
  main.replaceChildren(item({ href: '#/', label: 'Search' }), ...listenerLinks.map(item));
  const admin = document.getElementById('admin-links');
  const operatorLinks = (me.roles || []).includes('admin') ? areas.filter((area) => area.admin).flatMap((area) => area.links) : [];
  admin.replaceChildren(...operatorLinks.map(item));
  admin.hidden = operatorLinks.length === 0;
}

function markCurrent(address) {
  for (const link of document.querySelectorAll('nav a[data-view]')) {
    const target = link.getAttribute('href').substring(1);
    const current = target === '/' ? address === '/' : address === target || address.startsWith(`${target}/`);
    if (current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
}

let shown = 0;

async function show() {
  const address = window.location.hash.substring(1) || '/';
  const [path, search = ''] = address.split('?');
  const main = document.getElementById('view');
  const generation = ++shown;
  if (cleanUp) {
    cleanUp();
    cleanUp = null;
  }
  clearError();
  // Each view renders into a container of its own: one still busy when the address changes again
  // fills a container that is no longer in the page, and its clean-up runs as soon as it returns.
  const view = el('div', { className: 'view' });
  main.replaceChildren(view);
  let route;
  let params;
  try {
    const decoded = decodeURI(path);
    markCurrent(decoded);
    route = routes.find((candidate) => candidate.pattern.test(decoded));
    params = route ? decoded.match(route.pattern).slice(1).map((param) => (param === undefined ? undefined : decodeURIComponent(param))) : [];
  } catch (malformed) {
    route = null;
  }
  if (!route) {
    view.append(el('h2', { id: 'view-heading' }, 'Not found'), el('p', {}, 'Nothing lives at this address. ', el('a', { href: '#/' }, 'Search the catalog')));
    document.title = 'Music: not found';
    return;
  }
  document.title = `Music: ${route.title}`;
  let done = null;
  try {
    done = (await route.view.render(view, params, new URLSearchParams(search))) || null;
  } catch (failure) {
    if (generation === shown) {
      showError(failure);
    }
  }
  if (generation !== shown) {
    done?.();
    return;
  }
  cleanUp = done;
  // A screen reader's user is taken to the new view, unless the view put the focus somewhere itself.
  if (!main.contains(document.activeElement)) {
    main.focus();
  }
}

installPlayer();
window.addEventListener('hashchange', show);
show();
session()
  .then((me) => {
    document.getElementById('username').textContent = `Signed in as ${me.username}`;
    navigation(me);
    markCurrent((window.location.hash.substring(1) || '/').split('?')[0]);
    areas.forEach((area) => area.start(me));
  })
  .catch(showError);
