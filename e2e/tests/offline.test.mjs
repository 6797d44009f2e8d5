// On the phone: Tend installs as an app and opens offline to something kind (issue 20, items 1
// and 2). The service worker registers and controls the page; offline, the app shell and the
// guides still load and a signed-in page shows "You're offline"; no signed-in page is ever in a
// cache; log-out and quick exit leave every cache empty; the install offer appears once, quietly,
// and the iOS how-to only where there is no install prompt. Installability is checked the way
// Lighthouse does: the manifest's fields, icons of 192 and 512 px with a maskable one, a service
// worker with a fetch handler, and a start URL that answers 200 when signed in.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, withDiagnostics } from '../lib/browser.mjs';
import { checkPage, reportProblems, watchContext } from '../lib/checks.mjs';
import { startServer } from '../lib/server.mjs';
import { button, expectH1, logIn, logOut, navigates, newPerson, pathOf, signUpAndLogIn, visit } from '../lib/tend.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ label: 'offline' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** What the cache may ever hold: the same for everyone. */
const PUBLIC_PATH = /^\/(static\/[a-z0-9.-]+|manifest\.webmanifest|offline|guides(\/[a-z0-9-]+)?)$/;
const SHELL = [
  '/static/app.css',
  '/static/app.js',
  '/static/icon-192.png',
  '/static/icon-512.png',
  '/static/icon-maskable-512.png',
  '/manifest.webmanifest',
  '/offline',
];
/** Pages that carry a person's words (and the doors to them): never in any cache. */
const NEVER_KEPT = ['/', '/home', '/settings', '/me', '/together', '/talk', '/plan', '/journal', '/login'];

/** Waits until a service worker controls the page; returns its script URL and scope. */
async function controllingWorker(page) {
  // Asked in short looks rather than by waiting on one event, so a look can't hang the test: a
  // worker that is active but not yet in control takes over at the next load at the latest.
  for (let look = 0; look < 40; look++) {
    const found = await bounded(
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        const controller = navigator.serviceWorker.controller;
        return controller ? { script: controller.scriptURL, scope: registration.scope } : null;
      }),
    );
    if (found) return found;
    if (look === 20) await page.reload();
    await page.waitForTimeout(250);
  }
  assert.fail('no service worker took control of the page');
}

/** `promise`, or null if it takes longer than `ms` (a look into the page that never answers). */
function bounded(promise, ms = 5_000) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return Promise.race([promise.catch(() => null), late]).finally(() => clearTimeout(timer));
}

/** Every cache of the origin, by name, with the paths (and queries) it holds. */
async function cacheContents(page) {
  return page.evaluate(async () => {
    const all = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      all[name] = (await cache.keys()).map((request) => {
        const url = new URL(request.url);
        return url.pathname + url.search;
      });
    }
    return all;
  });
}

/** Waits (a few seconds at most) until `ok(contents)` holds; returns the last contents seen. */
async function cachesUntil(page, ok, what) {
  let contents = {};
  for (let i = 0; i < 50; i++) {
    contents = (await bounded(cacheContents(page))) ?? contents;
    if (ok(contents)) return contents;
    await page.waitForTimeout(100);
  }
  assert.fail(`${what}; the caches hold ${JSON.stringify(contents)}`);
}

const isEmpty = (contents) => Object.keys(contents).length === 0;
const hasShell = (contents) => Object.values(contents).some((paths) => SHELL.every((p) => paths.includes(p)));

function assertOnlyPublic(contents, when) {
  for (const [name, paths] of Object.entries(contents)) {
    assert.match(name, /^tend-shell-[0-9a-f]{16}$/, `a versioned cache name (${when})`);
    for (const p of paths) {
      assert.match(p, PUBLIC_PATH, `only public files are kept (${when}): ${name} holds ${p}`);
      assert.ok(!NEVER_KEPT.includes(p), `${p} is never kept (${when})`);
    }
  }
}

/** Width and height of a PNG, from its header. */
function pngSize(bytes) {
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', 'a PNG file');
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('installable: manifest, icons, a service worker with a fetch handler, the start URL', { timeout: 120_000 }, async (t) => {
  const base = server.url;
  const ana = await newPerson(browser, base, 'Ana');
  const { page, context } = ana;
  await withDiagnostics(t, [page], async () => {
    await signUpAndLogIn(ana);

    // The manifest, as Lighthouse's installability check reads it.
    const manifestResponse = await context.request.get(`${base}/manifest.webmanifest`);
    assert.equal(manifestResponse.status(), 200);
    assert.match(manifestResponse.headers()['content-type'], /^application\/manifest\+json/);
    const manifest = await manifestResponse.json();
    assert.equal(manifest.name, 'Tend');
    assert.equal(manifest.short_name, 'Tend');
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.scope, '/');
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
    assert.match(manifest.background_color, /^#[0-9a-f]{6}$/i);
    const startUrl = new URL(manifest.start_url, base);
    assert.equal(startUrl.origin, new URL(base).origin, 'the start URL is in Tend');
    assert.ok(startUrl.pathname.startsWith(new URL(manifest.scope, base).pathname), 'the start URL is in scope');
    const pngs = manifest.icons.filter((icon) => icon.type === 'image/png');
    for (const [size, purpose] of [[192, 'any'], [512, 'any'], [512, 'maskable']]) {
      const icon = pngs.find((i) => i.sizes === `${size}x${size}` && (i.purpose ?? 'any').split(' ').includes(purpose));
      assert.ok(icon, `a ${size}px PNG icon for "${purpose}"`);
      const response = await context.request.get(new URL(icon.src, base).href);
      assert.equal(response.status(), 200, `${icon.src} is served`);
      assert.deepEqual(pngSize(await response.body()), [size, size], `${icon.src} is ${size}x${size}`);
    }
    // The page links the manifest and has a theme colour for light and dark.
    assert.equal(await page.locator('link[rel="manifest"]').getAttribute('href'), '/manifest.webmanifest');
    assert.deepEqual(
      await page.locator('meta[name="theme-color"]').evaluateAll((metas) => metas.map((m) => m.getAttribute('media'))),
      ['(prefers-color-scheme: light)', '(prefers-color-scheme: dark)'],
    );

    // The service worker: at the root, checked for updates on every visit, with a fetch handler.
    const sw = await context.request.get(`${base}/sw.js`);
    assert.equal(sw.status(), 200);
    assert.match(sw.headers()['content-type'], /^text\/javascript/);
    assert.equal(sw.headers()['cache-control'], 'no-cache');
    const source = await sw.text();
    assert.match(source, /addEventListener\('fetch'/, 'a fetch handler');
    assert.doesNotMatch(source, /__TEND_/, 'the version and the guides are filled in');
    const worker = await controllingWorker(page);
    assert.equal(worker.script, `${base}/sw.js`);
    assert.equal(worker.scope, `${base}/`);

    // The start URL answers 200, signed in, through the worker.
    const start = await page.goto(startUrl.href);
    assert.equal(start?.status(), 200, 'the start URL is served');
    assert.equal(pathOf(page), startUrl.pathname);

    // Chromium's own verdict, where it gives one (it can't install into this throwaway profile).
    const cdp = await context.newCDPSession(page);
    const { errors: manifestErrors } = await cdp.send('Page.getAppManifest');
    assert.deepEqual(manifestErrors, [], 'Chromium reads the manifest without complaint');
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    const blocking = installabilityErrors.filter((e) => !['in-incognito'].includes(e.errorId));
    assert.deepEqual(blocking, [], 'nothing stands in the way of installing');
  });
  await context.close();
});

test('offline: the shell and the guides load, a signed-in page says "You’re offline", nothing private is kept', { timeout: 120_000 }, async (t) => {
  const base = server.url;
  const ben = await newPerson(browser, base, 'Ben');
  const { page, context } = ben;
  const watcher = watchContext(context, base);
  const problems = [];
  await withDiagnostics(t, [page], async () => {
    await signUpAndLogIn(ben);
    await controllingWorker(page);
    const filled = await cachesUntil(page, hasShell, 'the shell is kept once the worker is installed');
    const kept = Object.values(filled).flat();
    for (const path of ['/guides', '/guides/faq', '/guides/the-eight-week-plan']) {
      assert.ok(kept.includes(path), `${path} is kept`);
    }
    assert.equal(Object.keys(filled).length, 1, 'one cache, of this version');

    // The kept guides are the signed-out copies: no navigation, no name.
    const guideCopy = await page.evaluate(async () => (await (await caches.match('/guides')).text()));
    assert.doesNotMatch(guideCopy, /aria-label="Main"|Ben/);

    // Signed-in pages, visited, are never kept.
    for (const path of ['/home', '/settings', '/me', '/together', '/journal']) {
      assert.equal(await visit(page, base, path), 200, path);
    }
    assertOnlyPublic(await cacheContents(page), 'after visiting signed-in pages');

    // The offline page itself, online: calm, in Tend's frame, passing every page's checks.
    await visit(page, base, '/offline');
    await expectH1(page, 'You’re offline');
    await checkPage(page, watcher, problems, { name: 'offline', hiddenNames: ['Ben'] });

    // Offline now. Playwright's offline mode covers the worker's own requests only until the
    // first navigation (seen with Chromium 1.65's driver), so every request that would leave the
    // browser is also refused, as a lost connection is: what the worker gets from `fetch`.
    await visit(page, base, '/home');
    await context.setOffline(true);
    await context.route('**/*', (route) => route.abort('internetdisconnected'));

    // The app shell comes from the cache (the offline page is the answer to pages, below).
    const files = SHELL.filter((p) => p !== '/offline');
    const shell = await page.evaluate(async (paths) => {
      const out = {};
      for (const p of paths) {
        const r = await fetch(p);
        out[p] = `${r.status} ${r.headers.get('content-type')}`;
      }
      return out;
    }, files);
    for (const p of files) assert.match(shell[p], /^200 /, `${p} offline: ${shell[p]}`);

    // A signed-in page: "You're offline", with the guides to read; the address stays.
    assert.equal(await visit(page, base, '/home'), 200);
    await expectH1(page, 'You’re offline');
    assert.equal(pathOf(page), '/home');
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 0, 'nothing of the signed-in page');
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector('.card')).borderRadius);
    assert.notEqual(styled, '0px', 'styled by the kept stylesheet');
    await visit(page, base, '/settings');
    await expectH1(page, 'You’re offline');

    // The guides read offline: from the offline page's list, directly, and the library.
    await navigates(page, () => page.getByRole('link', { name: 'Common questions', exact: true }).click());
    assert.equal(pathOf(page), '/guides/faq');
    await expectH1(page, 'Common questions');
    await visit(page, base, '/guides/the-eight-week-plan');
    await page.getByRole('navigation', { name: 'In this guide' }).waitFor();
    await visit(page, base, '/guides');
    await expectH1(page, 'Guides');
    await visit(page, base, '/guides?q=listening');
    await expectH1(page, 'Guides');

    // Still nothing private kept, offline or after.
    assertOnlyPublic(await cacheContents(page), 'offline');
    await context.unrouteAll();
    await context.setOffline(false);
    await visit(page, base, '/home');
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).count(), 1, 'online again: the real page');
    assertOnlyPublic(await cacheContents(page), 'online again');
  });
  await context.close();
  reportProblems(problems);
});

test('log-out and quick exit leave every cache empty; quick exit stays instant', { timeout: 120_000 }, async (t) => {
  const base = server.url;
  const cleo = await newPerson(browser, base, 'Cleo');
  const { page, context } = cleo;
  await context.route('https://www.wikipedia.org/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Elsewhere</title><h1>Elsewhere</h1>' }),
  );
  await withDiagnostics(t, [page], async () => {
    await signUpAndLogIn(cleo);
    await controllingWorker(page);
    await cachesUntil(page, hasShell, 'the shell is kept');

    // Log-out: the worker empties every cache as the request passes.
    await logOut(cleo);
    await cachesUntil(page, isEmpty, 'after log-out the caches are empty');
    // A signed-out page doesn't bring them back.
    await visit(page, base, '/guides');
    await page.waitForTimeout(500);
    assert.deepEqual(await cacheContents(page), {}, 'still empty, signed out');

    // Signing in again brings the public shell back (so offline works again)…
    await logIn(cleo);
    await cachesUntil(page, hasShell, 'signed in again, the shell is kept again');
    assertOnlyPublic(await cacheContents(page), 'refilled');

    // …and quick exit empties it, without slowing the exit.
    await visit(page, base, '/home');
    const started = Date.now();
    await Promise.all([
      page.waitForURL(/wikipedia\.org/),
      page.getByRole('link', { name: 'Quick exit', exact: true }).click(),
    ]);
    const took = Date.now() - started;
    assert.ok(took < 1_500, `quick exit took ${took} ms`);
    assert.equal(await page.title(), 'Elsewhere');
    await visit(page, base, '/login');
    await cachesUntil(page, isEmpty, 'after quick exit the caches are empty');

    // The server's answers to both say "clear the cache" too (read here, outside the page:
    // Playwright reports a redirect that passed a service worker without its own headers).
    for (const [path, status] of [['/logout', 303], ['/quick-exit', 204]]) {
      await logIn(cleo);
      const csrf = await page.locator('#quick-exit').getAttribute('data-csrf');
      const answer = await context.request.post(`${base}${path}`, { form: { csrf }, maxRedirects: 0 });
      assert.equal(answer.status(), status, path);
      assert.equal(answer.headers()['clear-site-data'], '"cache"', `${path} sends Clear-Site-Data`);
      await visit(page, base, '/login');
    }
  });
  await context.close();
});

/** Pretends Chromium decided Tend can be installed: the event it fires, with a prompt that records. */
async function fireInstallPrompt(page) {
  await page.evaluate(() => {
    window.promptsShown = window.promptsShown ?? 0;
    const event = new Event('beforeinstallprompt', { cancelable: true });
    event.prompt = () => {
      window.promptsShown += 1;
      return Promise.resolve();
    };
    event.userChoice = Promise.resolve({ outcome: 'dismissed', platform: '' });
    window.dispatchEvent(event);
  });
}

test('the install offer: once, quietly, on the Me page; the iOS how-to only on iOS', { timeout: 120_000 }, async (t) => {
  const base = server.url;
  const dee = await newPerson(browser, base, 'Dee');
  const { page, context } = dee;
  const watcher = watchContext(context, base);
  const problems = [];
  await withDiagnostics(t, [page], async () => {
    await signUpAndLogIn(dee);
    const offer = page.locator('#install-offer');

    // No prompt from the browser: nothing offered (and no iOS how-to outside iOS).
    await visit(page, base, '/me');
    await page.waitForTimeout(300);
    assert.equal(await offer.count(), 0, 'nothing to offer without the browser’s prompt');

    // The browser's prompt arrives: a small offer next to Log out, never on other pages.
    await fireInstallPrompt(page);
    await button(page, 'Install Tend').waitFor();
    assert.equal(await page.getByRole('dialog').count(), 0, 'never a dialog');
    await checkPage(page, watcher, problems, { name: 'me, with the install offer' });
    await visit(page, base, '/home');
    await fireInstallPrompt(page);
    await page.waitForTimeout(200);
    assert.equal(await offer.count(), 0, 'only on the Me page');

    // "Not now": gone, and never again.
    await visit(page, base, '/me');
    await fireInstallPrompt(page);
    await navigatesNot(page, () => button(page, 'Not now').click());
    assert.equal(await offer.count(), 0, 'dismissed');
    await visit(page, base, '/me');
    await fireInstallPrompt(page);
    await page.waitForTimeout(200);
    assert.equal(await offer.count(), 0, 'not offered again after "Not now"');

    // "Install Tend" shows the browser's own prompt, once, and the offer is gone for good.
    await page.evaluate(() => localStorage.clear());
    await visit(page, base, '/me');
    await fireInstallPrompt(page);
    await button(page, 'Install Tend').click();
    assert.equal(await page.evaluate(() => window.promptsShown), 1, 'the browser’s prompt, once');
    assert.equal(await offer.count(), 0);
    await visit(page, base, '/me');
    await fireInstallPrompt(page);
    await page.waitForTimeout(200);
    assert.equal(await offer.count(), 0, 'not offered again after installing was offered');
  });
  await context.close();

  // iOS Safari: no install prompt, `navigator.standalone` defined. A how-to, once.
  const eve = await newPerson(browser, base, 'Eve', {
    contextOptions: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
  });
  await eve.context.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'standalone', { get: () => false, configurable: true });
  });
  const iosWatcher = watchContext(eve.context, base);
  await withDiagnostics(t, [eve.page], async () => {
    await signUpAndLogIn(eve);
    await visit(eve.page, base, '/me');
    const howTo = eve.page.locator('#install-offer');
    await howTo.waitFor();
    assert.match(await howTo.innerText(), /Share.*Add to Home Screen/s);
    assert.equal(await button(eve.page, 'Install Tend').count(), 0, 'no install button where there is no prompt');
    await checkPage(eve.page, iosWatcher, problems, { name: 'me, with the iOS how-to' });
    await button(eve.page, 'Got it').click();
    assert.equal(await howTo.count(), 0);
    await visit(eve.page, base, '/me');
    await eve.page.waitForTimeout(300);
    assert.equal(await howTo.count(), 0, 'the how-to is shown once');
  });
  await eve.context.close();
  reportProblems(problems);
});

/** Clicks something that must not leave the page. */
async function navigatesNot(page, action) {
  const before = page.url();
  await action();
  await page.waitForTimeout(100);
  assert.equal(page.url(), before);
}
