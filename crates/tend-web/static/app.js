/* Tend: small progressive enhancements. Every page works without this file. */
(function () {
  'use strict';

  var doc = document;
  var FALLBACK_EXIT = 'https://www.wikipedia.org/';

  function each(selector, fn) {
    var list = doc.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) fn(list[i]);
  }

  /* ---- Quick exit ------------------------------------------------------ */

  function exitUrl() {
    var link = doc.getElementById('quick-exit');
    var url = link && (link.getAttribute('data-exit-url') || link.getAttribute('href'));
    return url || FALLBACK_EXIT;
  }

  var leaving = false;
  function quickExit(event) {
    if (event && event.preventDefault) event.preventDefault();
    if (leaving) return;
    leaving = true;
    var url = exitUrl();
    // Signed in: end the session on the way out, so Back finds the log-in page, not the content.
    var link = doc.getElementById('quick-exit');
    var csrf = link && link.getAttribute('data-csrf');
    if (csrf && window.fetch) {
      try {
        fetch('/quick-exit', {
          method: 'POST',
          keepalive: true,
          credentials: 'same-origin',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'csrf=' + encodeURIComponent(csrf),
        }).catch(function () { /* leaving anyway */ });
      } catch (e) { /* leaving anyway */ }
    }
    clearCaches();
    try {
      doc.title = '';
      if (doc.body) doc.body.innerHTML = '';
    } catch (e) { /* keep going */ }
    try {
      window.location.replace(url);
    } catch (e) {
      window.location.href = url;
    }
  }

  // Three presses of Shift (with no other key in between) within 1.5 s.
  var shiftTimes = [];
  doc.addEventListener('keydown', function (event) {
    if (event.key !== 'Shift') {
      shiftTimes = [];
      return;
    }
    if (event.repeat) return;
    var now = Date.now();
    shiftTimes.push(now);
    shiftTimes = shiftTimes.filter(function (t) { return now - t <= 1500; });
    if (shiftTimes.length >= 3) {
      shiftTimes = [];
      quickExit(event);
    }
  }, true);

  doc.addEventListener('click', function (event) {
    var target = event.target;
    var link = target && target.closest ? target.closest('#quick-exit') : null;
    if (link) quickExit(event);
  });

  /* ---- Installable and quick to open: the service worker, the install offer ---- */

  // Log-out and quick exit empty every cache. The service worker does it as their request
  // passes, and the server's answer says so too; this is the page's own try, never waited for.
  function clearCaches() {
    try {
      if (!window.caches || typeof window.caches.keys !== 'function') return;
      window.caches.keys().then(function (keys) {
        keys.forEach(function (key) { window.caches.delete(key); });
      }).catch(function () { /* nothing kept */ });
    } catch (e) { /* nothing kept */ }
  }

  doc.addEventListener('submit', function (event) {
    var form = event.target;
    if (form && form.getAttribute && form.getAttribute('action') === '/logout') clearCaches();
  });

  var INSTALL_DISMISSED = 'tend-install-offer-dismissed';
  var installEvent = null;

  function installDismissed() {
    try {
      return window.localStorage.getItem(INSTALL_DISMISSED) === '1';
    } catch (e) {
      return true; // nowhere to remember a "no": better not to offer at all
    }
  }

  function rememberInstallDismissed() {
    try { window.localStorage.setItem(INSTALL_DISMISSED, '1'); } catch (e) { /* offered once anyway */ }
  }

  function runsInstalled() {
    try {
      if (navigator.standalone === true) return true;
      return !!(window.matchMedia && window.matchMedia('(display-mode: standalone)').matches);
    } catch (e) {
      return false;
    }
  }

  // Chromium offers installing: keep its prompt for our own quiet offer (no mini-infobar).
  window.addEventListener('beforeinstallprompt', function (event) {
    event.preventDefault();
    if (installDismissed()) return;
    installEvent = event;
    if (doc.readyState !== 'loading') offerInstall();
  });

  window.addEventListener('appinstalled', function () {
    rememberInstallDismissed();
    var offer = doc.getElementById('install-offer');
    if (offer) offer.remove();
  });

  // Once, on the Me page, next to Log out: never a dialog, gone for good once declined.
  function offerInstall() {
    if (window.location.pathname !== '/me' || doc.getElementById('install-offer')) return;
    if (installDismissed() || runsInstalled()) return;
    // iOS and iPadOS: no prompt to offer, but `navigator.standalone` (and a touch screen, which
    // tells an iPad from a Mac).
    var ios = !installEvent && typeof navigator.standalone === 'boolean' && navigator.maxTouchPoints > 0;
    if (!installEvent && !ios) return;
    var main = doc.getElementById('main');
    if (!main) return;

    var offer = doc.createElement('div');
    offer.id = 'install-offer';
    offer.className = 'card quiet install-offer';
    var text = doc.createElement('p');
    text.textContent = ios
      ? 'To open Tend like an app: tap Share, then \u201cAdd to Home Screen\u201d.'
      : 'Tend can open like an app, from your home screen or desktop.';
    var actions = doc.createElement('p');
    offer.appendChild(text);
    offer.appendChild(actions);

    var logOut = main.querySelector('form[action="/logout"]');
    function close() {
      rememberInstallDismissed();
      installEvent = null;
      offer.remove();
      var next = logOut && logOut.querySelector('button');
      if (next) next.focus();
    }
    function addButton(label, className, onClick) {
      var b = doc.createElement('button');
      b.type = 'button';
      b.className = className;
      b.textContent = label;
      b.addEventListener('click', onClick);
      if (actions.firstChild) actions.appendChild(doc.createTextNode(' '));
      actions.appendChild(b);
    }
    if (ios) {
      addButton('Got it', 'button secondary small', close);
    } else {
      addButton('Install Tend', 'button secondary small', function () {
        var prompt = installEvent;
        close();
        if (!prompt) return;
        try {
          Promise.resolve(prompt.prompt()).catch(function () { /* declined or unavailable */ });
        } catch (e) { /* declined or unavailable */ }
      });
      addButton('Not now', 'link-button', close);
    }
    if (logOut) main.insertBefore(offer, logOut);
    else main.appendChild(offer);
  }

  // The worker keeps the public shell and guides; a signed-in page asks it to bring them back
  // after a log-out emptied the caches. Pages never depend on it.
  function setupServiceWorker() {
    var workers;
    try {
      workers = navigator.serviceWorker;
    } catch (e) {
      return;
    }
    if (!workers || !window.isSecureContext || typeof workers.register !== 'function') return;
    var signedIn = !!(doc.body && doc.body.hasAttribute('data-live'));
    function register() {
      workers.register('/sw.js', { scope: '/' }).then(function () {
        if (!signedIn) return;
        return workers.ready.then(function (ready) {
          if (ready.active) ready.active.postMessage({ type: 'signed-in' });
        });
      }).catch(function () { /* Tend works without it */ });
    }
    if (doc.readyState === 'complete') register();
    else window.addEventListener('load', register);
  }

  /* ---- Everything that needs the parsed page --------------------------- */

  function detectTimeZone() {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    if (!zone) return;
    each('select[data-detect-tz]', function (select) {
      if (select.value !== 'UTC') return;
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === zone) {
          select.value = zone;
          return;
        }
      }
    });
  }

  function fallbackCopy(source, text) {
    var ok = false;
    var field = source;
    var temp = null;
    if (!field || typeof field.select !== 'function') {
      temp = doc.createElement('textarea');
      temp.value = text;
      temp.setAttribute('readonly', '');
      temp.style.position = 'fixed';
      temp.style.top = '-100px';
      temp.style.opacity = '0';
      doc.body.appendChild(temp);
      field = temp;
    }
    try {
      field.focus();
      field.select();
      ok = doc.execCommand('copy');
    } catch (e) {
      ok = false;
    }
    if (temp) temp.parentNode.removeChild(temp);
    return ok;
  }

  /* ---- The phone's share sheet for an invite (Web Share API; copy stays the fallback) ---- */

  function setupShareButtons() {
    if (typeof navigator.share !== 'function') return;
    each('button[data-share]', function (button) {
      button.addEventListener('click', function (event) {
        event.preventDefault();
        var source = doc.getElementById(button.getAttribute('data-share'));
        if (!source) return;
        var url = typeof source.value === 'string' ? source.value : source.textContent.trim();
        navigator.share({ text: button.getAttribute('data-share-text') || '', url: url }).catch(function () {
          /* closed without sharing: nothing to do */
        });
      });
      button.hidden = false;
    });
  }

  function setupCopyButtons() {
    each('button[data-copy]', function (button) {
      var label = button.textContent;
      var timer = null;
      var status = doc.createElement('span');
      status.className = 'visually-hidden';
      status.setAttribute('role', 'status');
      if (button.parentNode) button.parentNode.insertBefore(status, button.nextSibling);

      function done(ok) {
        if (!ok) {
          var src = doc.getElementById(button.getAttribute('data-copy'));
          if (src && typeof src.select === 'function') {
            src.focus();
            src.select();
          }
          return;
        }
        button.textContent = 'Copied';
        status.textContent = 'Copied';
        clearTimeout(timer);
        timer = setTimeout(function () {
          button.textContent = label;
          status.textContent = '';
        }, 2000);
      }

      button.addEventListener('click', function (event) {
        event.preventDefault();
        var source = doc.getElementById(button.getAttribute('data-copy'));
        if (!source) return;
        var text = typeof source.value === 'string' ? source.value : source.textContent.trim();
        if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
          navigator.clipboard.writeText(text).then(function () {
            done(true);
          }, function () {
            done(fallbackCopy(source, text));
          });
        } else {
          done(fallbackCopy(source, text));
        }
      });

      button.hidden = false;
    });
  }

  function focusErrorSummary() {
    var summary = doc.querySelector('.error-summary');
    if (!summary) return;
    if (!summary.hasAttribute('tabindex')) summary.setAttribute('tabindex', '-1');
    try {
      summary.focus({ preventScroll: false });
    } catch (e) {
      summary.focus();
    }
  }


  /* ---- Soft start-up coach, live while typing ---------------------------- */
  // The words shown come from data attributes on #coach-result, so they live in one place
  // (the page template). Offsets from the server count code points, like Array.from(text).

  function setupCoach() {
    var draft = doc.querySelector('textarea[data-coach]');
    var result = doc.getElementById('coach-result');
    if (!draft || !result || !window.fetch) return;
    var words = function (name) { return result.getAttribute('data-' + name) || ''; };
    var timer = null;
    var latest = 0;

    function el(tag, cls, text) {
      var e = doc.createElement(tag);
      if (cls) e.className = cls;
      if (text != null) e.textContent = text;
      return e;
    }

    function show(text, a) {
      result.textContent = '';
      result.hidden = false;
      if (!a.harsh) {
        result.appendChild(el('h2', null, words('gentle-title')));
        result.appendChild(el('p', null, words('gentle-text')));
        return;
      }
      result.appendChild(el('h2', null, words('harsh-title')));
      var chars = Array.from(text);
      var preview = el('p', 'coach-preview');
      var reasons = el('ul', 'coach-reasons');
      var at = 0;
      a.highlights.forEach(function (h) {
        var fragment = chars.slice(h.start, h.end).join('');
        preview.appendChild(doc.createTextNode(chars.slice(at, h.start).join('')));
        preview.appendChild(el('mark', 'coach-mark', fragment));
        at = h.end;
        var li = el('li');
        li.appendChild(el('strong', null, words('title-' + h.kind)));
        li.appendChild(doc.createTextNode(' (\u201c' + fragment + '\u201d): ' + h.reason));
        reasons.appendChild(li);
      });
      preview.appendChild(doc.createTextNode(chars.slice(at).join('')));
      result.appendChild(preview);
      result.appendChild(reasons);
      result.appendChild(el('h3', null, words('suggestion-title')));
      result.appendChild(el('p', 'coach-suggestion', a.suggestion));
    }

    function analyse(ticket) {
      var text = draft.value;
      if (!text.trim()) {
        result.hidden = true;
        return;
      }
      fetch('/api/v1/coach/analyze', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: text }),
        credentials: 'omit'
      })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (a) { if (a && ticket === latest) show(text, a); })
        .catch(function () { /* the plain form still works */ });
    }

    draft.addEventListener('input', function () {
      clearTimeout(timer);
      var ticket = ++latest;
      timer = setTimeout(function () { analyse(ticket); }, 120);
    });
  }

  /* ---- Pause: shown on every open page within moments ----------------------- */
  // The server streams `pause` events ({"active": true|false}) to signed-in pages. The words
  // come from the page (data attributes on <body>), so they live in one place.

  function setupPauseWatch() {
    var body = doc.body;
    if (!body || !body.hasAttribute('data-live') || !window.EventSource) return;
    var banner = null;
    var onPausePage = window.location.pathname === '/pause';
    var first = true;

    function show() {
      if (banner || onPausePage) return;
      banner = doc.createElement('div');
      banner.className = 'notice pause-banner';
      banner.setAttribute('role', 'alert');
      var text = doc.createElement('p');
      text.textContent = body.getAttribute('data-pause-text') || '';
      var link = doc.createElement('a');
      link.href = '/pause';
      link.className = 'button small';
      link.textContent = body.getAttribute('data-pause-link') || '';
      banner.appendChild(text);
      banner.appendChild(link);
      var main = doc.getElementById('main');
      if (main) main.insertBefore(banner, main.firstChild);
    }

    var source = new EventSource('/events');
    // A form sent from this page takes the person to the next one: no reload for a few seconds,
    // so a reload for their own change can't win the race against the page their form leads to.
    // (Should the page stay, or come back from the browser's cache, it follows again.)
    var leaving = false;
    doc.addEventListener('submit', function (event) {
      if (event.defaultPrevented) return;
      leaving = true;
      setTimeout(function () { leaving = false; }, 5000);
    });
    window.addEventListener('pageshow', function () { leaving = false; });
    function reload() {
      if (!leaving) window.location.reload();
    }
    // Active listening: both devices show the same step; follow the other's steps at once.
    source.addEventListener('listening', function () {
      if (window.location.pathname === '/listening') reload();
    });
    // The shared timer and the weekly check: follow the other device, but never throw away
    // words someone is in the middle of writing.
    // A bid arrived on Today or left it: the same, for Today.
    source.addEventListener('bids', function () {
      follow('bids');
    });
    source.addEventListener('together', function () {
      follow('together');
    });
    function follow(what) {
      if (!doc.querySelector('[data-follow="' + what + '"]')) return;
      var typing = false;
      each('textarea, input[type="text"]', function (field) {
        if (field.value !== field.defaultValue) typing = true;
      });
      if (!typing) {
        reload();
      } else if (!doc.getElementById('together-changed')) {
        var note = doc.createElement('p');
        note.id = 'together-changed';
        note.className = 'notice';
        note.setAttribute('role', 'status');
        note.textContent = 'Something moved on the other device. Your words are still here; save them, then reload.';
        var main = doc.getElementById('main');
        if (main) main.insertBefore(note, main.firstChild);
      }
    }
    source.addEventListener('pause', function (event) {
      var active = false;
      try { active = JSON.parse(event.data).active === true; } catch (e) { return; }
      if (onPausePage) {
        // The pause page itself changes shape: reload it when the state moves on.
        if (!first) reload();
      } else if (active) {
        show();
      } else if (banner) {
        banner.remove();
        banner = null;
      }
      first = false;
    });
  }

  /* ---- A speaking turn's countdown ---------------------------------------------- */

  function setupTimers() {
    each('[data-until]', function (el) {
      var until = Date.parse(el.getAttribute('data-until'));
      if (isNaN(until)) return;
      var tick = function () {
        var left = Math.max(0, Math.round((until - Date.now()) / 1000));
        el.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
        if (left > 0) setTimeout(tick, 500);
      };
      el.setAttribute('role', 'timer');
      tick();
    });
  }

  /* ---- Notifications on this device (the reminders page) --------------- */

  // Turning on asks the browser's permission, subscribes through its push service with Tend's
  // key, and hands the subscription to Tend with the form token. Turning off is a plain form;
  // the browser's own subscription is dropped too.
  function setupPush() {
    var on = doc.querySelector('[data-push-on]');
    var off = doc.querySelector('[data-push-off]');
    var workers = navigator.serviceWorker;
    var supported = !!workers && 'PushManager' in window && 'Notification' in window && window.isSecureContext;
    if (off && supported && off.form) {
      off.form.addEventListener('submit', function () {
        workers.ready
          .then(function (reg) { return reg.pushManager.getSubscription(); })
          .then(function (sub) { return sub && sub.unsubscribe(); })
          .catch(function () { /* the server's side is what counts */ });
      });
    }
    if (!on || !supported) return;
    var hint = doc.querySelector('[data-push-needs-script]');
    var problem = doc.querySelector('[data-push-error]');
    on.hidden = false;
    if (hint) hint.hidden = true;
    function say(text) {
      if (!problem) return;
      problem.textContent = text;
      problem.hidden = false;
    }
    function bytes(base64url) {
      var text = base64url.replace(/-/g, '+').replace(/_/g, '/');
      while (text.length % 4) text += '=';
      var raw = atob(text);
      var out = new Uint8Array(raw.length);
      for (var i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
      return out;
    }
    on.addEventListener('click', function () {
      on.disabled = true;
      Notification.requestPermission()
        .then(function (permission) {
          if (permission !== 'granted') {
            say('Notifications are blocked for Tend in this browser. You can allow them in its site settings, then try again.');
            return null;
          }
          return workers.ready.then(function (reg) {
            return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: bytes(on.getAttribute('data-push-on')) });
          });
        })
        .then(function (sub) {
          if (!sub) return null;
          var json = sub.toJSON();
          var body = new URLSearchParams();
          body.set('csrf', on.getAttribute('data-csrf'));
          body.set('endpoint', json.endpoint);
          body.set('p256dh', json.keys.p256dh);
          body.set('auth', json.keys.auth);
          return fetch('/reminders/push', { method: 'POST', body: body, credentials: 'same-origin' }).then(function (res) {
            if (res.status === 204) {
              window.location.assign('/reminders?done=push-on#notifications');
              return null;
            }
            if (res.status === 422) return res.text().then(say);
            say('Tend could not turn notifications on just now. Please try again in a moment.');
            return null;
          });
        })
        .catch(function () {
          say("This browser couldn't reach its notification service just now. Please try again in a moment.");
        })
        .then(function () { on.disabled = false; });
    });
  }

  function init() {
    var steps = [detectTimeZone, setupShareButtons, setupCopyButtons, focusErrorSummary, setupCoach, setupPauseWatch, setupTimers, setupServiceWorker, offerInstall, setupPush];
    for (var i = 0; i < steps.length; i++) {
      try { steps[i](); } catch (e) { /* one failure must not stop the rest */ }
    }
  }

  if (doc.readyState === 'loading') {
    doc.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
