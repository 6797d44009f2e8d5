#!/usr/bin/env node
// Screenshots of Tend on the phone, offline and installable (a tool, not a test):
//
//   node e2e/offline-screenshots.mjs              # PNGs into /tmp/pwa-shots
//   SCREENSHOT_DIR=/tmp/shots node e2e/offline-screenshots.mjs
//
// - offline.*: a signed-in person's Today opened with no connection (the service worker's
//   "You're offline"), at 390x844 and 1280x900, light and dark;
// - guide-offline.*: a guide read offline, at 390x844, light and dark;
// - install-offer.* and ios-how-to.*: the Me page with the quiet install offer (the browser's
//   prompt stood in for) and with the iOS how-to, at 390x844, light and dark.

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import { newPerson, signUpAndLogIn, visit } from './lib/tend.mjs';

const outDir = path.resolve(process.env.SCREENSHOT_DIR || '/tmp/pwa-shots');
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const DESKTOP = { viewport: { width: 1280, height: 900 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 };

await mkdir(outDir, { recursive: true });
const server = await startServer({ label: 'pwa-screenshots' });
const browser = await launchBrowser();
const base = server.url;
const saved = [];

async function shot(page, name, device, scheme) {
  const file = path.join(outDir, `${name}.${device.viewport.width}x${device.viewport.height}.${scheme}.png`);
  await page.screenshot({ path: file, fullPage: true });
  saved.push(file);
}

/** A fresh person on a fresh device, signed in, with the service worker in control. */
async function signedInDevice(device, scheme, name, initScript) {
  const person = await newPerson(browser, base, name, { contextOptions: { ...device, colorScheme: scheme } });
  if (initScript) await person.context.addInitScript(initScript);
  await signUpAndLogIn(person);
  await person.page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  return person;
}

async function goOffline(context) {
  await context.setOffline(true);
  // Playwright's offline mode stops covering the worker's requests after a navigation.
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
}

try {
  let n = 0;
  for (const [device, schemes] of [[PHONE, ['light', 'dark']], [DESKTOP, ['light', 'dark']]]) {
    for (const scheme of schemes) {
      n += 1;
      const person = await signedInDevice(device, scheme, `Ana${n}`);
      await goOffline(person.context);
      await visit(person.page, base, '/home');
      await shot(person.page, 'offline', device, scheme);
      if (device === PHONE) {
        await visit(person.page, base, '/guides/the-eight-week-plan');
        await shot(person.page, 'guide-offline', device, scheme);
      }
      await person.context.close();
    }
  }

  for (const scheme of ['light', 'dark']) {
    const person = await signedInDevice(PHONE, scheme, `Ben${scheme}`);
    await visit(person.page, base, '/me');
    await person.page.evaluate(() => {
      const event = new Event('beforeinstallprompt', { cancelable: true });
      event.prompt = () => Promise.resolve();
      window.dispatchEvent(event);
    });
    await person.page.locator('#install-offer').waitFor();
    await shot(person.page, 'install-offer', PHONE, scheme);
    await person.context.close();

    const ios = await signedInDevice(PHONE, scheme, `Cleo${scheme}`, () => {
      Object.defineProperty(Navigator.prototype, 'standalone', { get: () => false, configurable: true });
    });
    await visit(ios.page, base, '/me');
    await ios.page.locator('#install-offer').waitFor();
    await shot(ios.page, 'ios-how-to', PHONE, scheme);
    await ios.context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(saved.join('\n'));
