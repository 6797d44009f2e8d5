/* Tend's service worker: Tend opens quickly, and offline it shows something kind.
 *
 * It keeps only what is the same for everyone: the styles, the script, the icons, the
 * manifest, the offline page and the public guides (fetched without cookies, so the copy kept
 * is the signed-out one). A signed-in page is never kept: it carries private words and is sent
 * `no-store`. Pages go to the network first; offline, a kept guide is shown if that was asked
 * for, otherwise the offline page. Log-out and quick exit clear every cache.
 *
 * The server fills in the version (a fingerprint of everything kept) and the guides' addresses.
 */
'use strict';

var VERSION = '__TEND_SHELL_VERSION__';
var CACHE = 'tend-shell-' + VERSION;
var OFFLINE = '/offline';
var SHELL = [
  '/static/app.css',
  '/static/app.js',
  '/static/icon.svg',
  '/static/icon-192.png',
  '/static/icon-512.png',
  '/static/icon-maskable-512.png',
  '/static/apple-touch-icon.png',
  '/manifest.webmanifest',
  OFFLINE,
];
var GUIDES = [/* __TEND_GUIDES__ */];

/* Raised by every clearing, so a filling that was under way then throws its work away. */
var generation = 0;

function publicRequest(path) {
  // No cookies: the kept copy must be what anyone signed out sees. `reload`: past the HTTP cache.
  return new Request(path, { credentials: 'omit', cache: 'reload' });
}

function fill() {
  var started = generation;
  return caches.open(CACHE).then(function (cache) {
    var guides = GUIDES.map(function (path) {
      return cache.add(publicRequest(path)).catch(function () { /* that guide stays online-only */ });
    });
    // The shell is all or nothing: without it, installing fails and is tried again later.
    return Promise.all([cache.addAll(SHELL.map(publicRequest))].concat(guides));
  }).then(function () {
    if (generation !== started) return caches.delete(CACHE);
  }, function (error) {
    // No half-kept shell: the next try starts afresh.
    return caches.delete(CACHE).then(function () { throw error; });
  });
}

function clearAll() {
  generation += 1;
  return caches.keys().then(function (keys) {
    return Promise.all(keys.map(function (key) { return caches.delete(key); }));
  });
}

self.addEventListener('install', function (event) {
  event.waitUntil(fill().then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  // Pages start loading while the worker wakes up (navigation preload), so it costs no time.
  var preload = self.registration.navigationPreload;
  event.waitUntil(
    Promise.resolve(preload && preload.enable()).catch(function () { /* plain fetch then */ }).then(function () {
      return caches.keys();
    }).then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key !== CACHE; }).map(function (key) {
        return caches.delete(key);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

/* A signed-in page says so once it has loaded: after a log-out emptied the caches, signing in
 * again brings the public shell back. A signed-out page never refills them. */
self.addEventListener('message', function (event) {
  if (!event.data || event.data.type !== 'signed-in') return;
  event.waitUntil(caches.has(CACHE).then(function (has) { return has ? undefined : fill(); }));
});

function isGuide(path) {
  return path === '/guides' || path.indexOf('/guides/') === 0;
}

function offlineAnswer(url) {
  var kept = { cacheName: CACHE, ignoreSearch: true, ignoreVary: true };
  var guide = isGuide(url.pathname) ? caches.match(url.pathname, kept) : Promise.resolve(undefined);
  return guide
    .then(function (hit) { return hit || caches.match(OFFLINE, kept); })
    .then(function (hit) {
      return hit || new Response(
        '<!doctype html><html lang="en"><meta charset="utf-8">' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        '<title>Offline · Tend</title><h1>You\u2019re offline</h1>' +
        '<p>Tend will be here when the connection comes back.</p></html>',
        { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } }
      );
    });
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  // Log-out and quick exit: the request goes on to the network untouched (nothing waits for
  // this), and every cache is emptied meanwhile.
  if (request.method === 'POST' && (url.pathname === '/logout' || url.pathname === '/quick-exit')) {
    event.waitUntil(clearAll());
    return;
  }
  if (request.method !== 'GET') return;

  // Pages: always the network (never stored); offline, a kept guide or the offline page.
  if (request.mode === 'navigate') {
    event.respondWith(
      Promise.resolve(event.preloadResponse)
        .then(function (preloaded) { return preloaded || fetch(request); })
        .catch(function () { return offlineAnswer(url); })
    );
    return;
  }

  // The shell's files: from the cache, else the network (and nothing new is stored).
  if (!url.search && SHELL.indexOf(url.pathname) !== -1 && url.pathname !== OFFLINE) {
    event.respondWith(
      caches.match(url.pathname, { cacheName: CACHE, ignoreVary: true }).then(function (hit) {
        return hit || fetch(request);
      })
    );
  }
  // Everything else (the live stream, the API, cards, calendars) is not touched.
});

/* Push notifications: neutral words only (Tend sends "A gentle reminder from Tend"), opening
 * the page they name on this same site. */
self.addEventListener('push', function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  event.waitUntil(self.registration.showNotification(data.title || 'Tend', {
    body: data.body || 'A gentle reminder from Tend',
    icon: '/static/icon-192.png',
    badge: '/static/icon-192.png',
    tag: 'tend-reminder',
    data: { url: data.url || '/home' }
  }));
});

self.addEventListener('notificationclick', function (event) {
  event.notification.close();
  var asked = new URL((event.notification.data && event.notification.data.url) || '/home', self.location.origin);
  var target = new URL(asked.pathname + asked.search, self.location.origin).href;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(function (open) {
    for (var i = 0; i < open.length; i++) {
      if ('focus' in open[i]) {
        return open[i].focus().then(function (client) { return client.navigate ? client.navigate(target) : client; });
      }
    }
    return self.clients.openWindow(target);
  }));
});
