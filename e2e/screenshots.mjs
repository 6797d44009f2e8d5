#!/usr/bin/env node
// Screenshots of Tend's main pages, for looking at the design (a tool, not a test).
//
//   node e2e/screenshots.mjs                      # PNGs into /tmp/tend-shots
//   SCREENSHOT_DIR=/tmp/shots TEND_BIN=target/release/tend node e2e/screenshots.mjs
//   node e2e/screenshots.mjs settings home        # only the pages whose names contain these words
//
// Every page at 390x844 (phone) and 1280x900 (desktop), light and dark:
//   NN-page-name.390x844.light.png, …

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser, newContext } from './lib/browser.mjs';
import { startServer } from './lib/server.mjs';
import {
  button,
  createCoupleSpace,
  fillSignup,
  logIn,
  makeNewInvite,
  navigates,
  newPerson,
  signUp,
  signUpAndLogIn,
  uniqueEmail,
  visit,
} from './lib/tend.mjs';

const outDir = path.resolve(process.env.SCREENSHOT_DIR || '/tmp/tend-shots');
const only = process.argv.slice(2);
const VIEWPORTS = [
  { width: 390, height: 844, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  { width: 1280, height: 900, isMobile: false, hasTouch: false, deviceScaleFactor: 1 },
];
const SCHEMES = ['light', 'dark'];

await mkdir(outDir, { recursive: true });
const server = await startServer({ label: 'screenshots' });
const browser = await launchBrowser();
const base = server.url;
let counter = 0;
let saved = 0;

/**
 * Shoots `pathOrUrl` as `who` (a person, or null for logged out) in every viewport and scheme.
 * `prepare(page)` may act on the page before the shot (e.g. submit a form with errors).
 */
async function shoot(name, who, pathOrUrl, prepare) {
  counter += 1;
  if (only.length > 0 && !only.some((word) => name.includes(word))) return;
  const storageState = who ? await who.context.storageState() : undefined;
  for (const { width, height, ...device } of VIEWPORTS) {
    for (const colorScheme of SCHEMES) {
      const context = await newContext(browser, {
        viewport: { width, height },
        ...device,
        colorScheme,
        storageState,
        timezoneId: who?.timeZone ?? 'Europe/Berlin',
      });
      const page = await context.newPage();
      await visit(page, base, pathOrUrl);
      if (prepare) await prepare(page);
      await page.waitForLoadState('load');
      const file = path.join(
        outDir,
        `${String(counter).padStart(2, '0')}-${name}.${width}x${height}.${colorScheme}.png`,
      );
      await page.screenshot({ path: file, fullPage: true });
      saved += 1;
      await context.close();
    }
  }
  console.log(`  ${name}`);
}

try {
  console.log(`Tend at ${base}; screenshots into ${outDir}`);
  await shoot('landing', null, '/');
  await shoot('signup', null, '/signup');
  await shoot('signup-errors', null, '/signup', async (page) => {
    // Errors only the server finds (the browser's own checks would stop anything cruder).
    await fillSignup(page, base, { name: 'Ana', email: 'ana@example', password: '1q2w3e4r5t6y', timeZone: 'UTC' });
  });
  await shoot('login', null, '/login');
  await shoot('not-found', null, '/this-page-does-not-exist');

  const ana = await newPerson(browser, base, 'Ana', { timeZone: 'Europe/Berlin' });
  const ben = await newPerson(browser, base, 'Ben', { timeZone: 'America/Toronto' });
  await signUpAndLogIn(ana);
  await shoot('home-welcome', ana, '/home');
  await createCoupleSpace(ana);
  await shoot('home-invite-open', ana, '/home');
  // The code and link show once, right after an invite is made: make one in each shot.
  await shoot('invite-made', ana, '/home', async (page) => {
    await navigates(page, () => button(page, 'Make a new invite').click());
  });
  const invite = await makeNewInvite(ana);
  await shoot('join-logged-out', null, invite.path);

  await shoot('login-account-ready', null, '/signup', async (page) => {
    await fillSignup(page, base, {
      name: 'Sam',
      email: uniqueEmail('Sam'),
      password: 'quiet river morning walk',
      timeZone: 'UTC',
    });
  });
  await signUp(ben);
  await logIn(ben);
  await shoot('join-logged-in', ben, invite.path);
  await visit(ben.page, base, invite.path);
  await navigates(ben.page, () => button(ben.page, 'Join the couple space').click());
  await shoot('home-paired', ana, '/home');
  await shoot('settings', ana, '/settings');
  await shoot('settings-delete', ana, '/settings/delete');
  await shoot('leave-confirm', ben, '/couple/leave');

  await visit(ben.page, base, '/couple/leave');
  await navigates(ben.page, () => button(ben.page, 'Leave the couple space').click());
  await shoot('home-couple-closed', ana, '/home');
  await shoot('home-after-leaving', ben, '/home');

  console.log(`${saved} screenshots in ${outDir}`);
} finally {
  await browser.close();
  await server.stop();
}
