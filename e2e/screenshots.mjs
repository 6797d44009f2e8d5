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
  answerQuestions,
  button,
  CHECKUP_SCALE,
  createCoupleSpace,
  fillSignup,
  logIn,
  makeNewInvite,
  navigates,
  newPerson,
  pressStepButton,
  readWeek,
  savePulse,
  setCheckupShared,
  signUp,
  signUpAndLogIn,
  startPlan,
  submitWith,
  takeCheckup,
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

  // The program. Ben starts the plan: he lives west of Ana, so it has begun for her too.
  await shoot('plan-not-started', ben, '/plan');
  await shoot('checkups-empty', ana, '/checkups');
  await shoot('checkup', ana, '/checkup');
  await shoot('checkup-errors', ana, '/checkup', async (page) => {
    await answerQuestions(page, CHECKUP_SCALE, (i) => (i % 7 === 3 ? null : CHECKUP_SCALE[i % 4]));
    await navigates(page, () => button(page, 'See my reading').click());
  });
  await shoot('pulse-empty', ana, '/pulse');

  await startPlan(ben);
  await shoot('plan-started', ben, '/plan?done=plan-started');
  await visit(ana.page, base, '/home');
  const week = await readWeek(ana.page);
  const sharedStep = week.steps.find((s) => s.together) ?? week.steps[0];
  const ownStep = week.steps.find((s) => !s.together) ?? week.steps[1];
  await shoot('home-today', ana, '/home');
  const press = (person, action, title) =>
    pressStepButton(person.page, action, title, (message) => console.warn(`  (warning) ${message}`));
  await press(ana, 'Mark my part done', sharedStep.title);
  await press(ana, 'Mark my part done', ownStep.title);
  await press(ana, 'Make this step smaller', week.steps.at(-1).title);
  await visit(ben.page, base, '/home');
  await press(ben, 'Mark my part done', sharedStep.title);
  await shoot('home-today-steps-done', ana, '/home');
  // Bids from Ben wait on Ana's Today, answerable in place.
  await visit(ben.page, base, '/repairs');
  await navigates(ben.page, () => button(ben.page, 'Offer this repair').click());
  await visit(ben.page, base, '/invitations?opener=miss-talks');
  await navigates(ben.page, () => button(ben.page, 'Send the invitation').click());
  await shoot('home-today-bids', ana, '/home');
  await shoot('hub-together', ana, '/together');
  await shoot('hub-talk', ana, '/talk');
  await shoot('hub-me', ana, '/me');
  await shoot('plan-in-progress', ana, '/plan');
  await visit(ana.page, base, '/plan');
  await submitWith(ana.page, 'Pause the plan');
  await shoot('plan-paused', ana, '/plan?done=plan-paused');
  await shoot('home-plan-paused', ben, '/home');
  await submitWith(ana.page, 'Resume the plan');

  const first = await takeCheckup(ana, (i) => CHECKUP_SCALE[(i * 5 + 1) % 4]);
  await shoot('checkup-reading', ana, `/checkup/${first.id}`);
  const second = await takeCheckup(ana, (i) => CHECKUP_SCALE[(i * 3 + 2) % 4]);
  await setCheckupShared(ana, second.id, true);
  await shoot('checkup-reading-shared', ana, `/checkup/${second.id}?done=shared`);
  await shoot('checkup-reading-partner', ben, `/checkup/${second.id}`);
  await shoot('checkup-reading-not-shared', ben, `/checkup/${first.id}`);
  await shoot('checkups-with-results', ana, '/checkups');
  await shoot('checkups-shared-with-you', ben, '/checkups');
  await savePulse(ana);
  await shoot('pulse-saved', ana, '/pulse?done=pulse-saved');

  // Rituals and what the couple keeps together.
  await shoot('rituals-empty', ana, '/rituals');
  await visit(ana.page, base, '/rituals');
  await ana.page.locator('#text-morning').fill('Hoping for a slow breakfast together.');
  await navigates(ana.page, () => ana.page.locator('#ritual-morning').getByRole('button', { name: 'Share my answer' }).click());
  await shoot('rituals-answered-alone', ana, '/rituals');
  await visit(ben.page, base, '/rituals');
  await ben.page.locator('#text-morning').fill('A quiet commute, and soup tonight.');
  await navigates(ben.page, () => ben.page.locator('#ritual-morning').getByRole('button', { name: 'Share my answer' }).click());
  await navigates(ben.page, () => button(ben.page, 'Start the timer').click());
  await shoot('rituals-revealed-timer', ana, '/rituals');
  await shoot('rituals-schedule', ana, '/rituals/schedule');
  await shoot('weekly-check-start', ana, '/weekly-check');
  await visit(ana.page, base, '/weekly-check');
  await navigates(ana.page, () => button(ana.page, 'Start the weekly check').click());
  await ana.page.locator('#note-text').fill('Both tired this week; an early night on Thursday.');
  await navigates(ana.page, () => button(ana.page, 'Add note').click());
  await shoot('weekly-check-section', ben, '/weekly-check');
  await shoot('journal', ana, '/journal', async (page) => {
    await page.getByLabel('What did your partner do?').fill('Made tea without asking when I came home tired.');
    await navigates(page, () => button(page, 'Keep this').click());
  });
  await shoot('joy', ana, '/joy');
  await shoot('capsules', ana, '/capsules', async (page) => {
    await page.locator('#hopes').fill('A trip to the sea in spring.');
    await navigates(page, () => button(page, 'Seal it').click());
  });
  await shoot('own-your-part', ana, '/own-your-part');
  await shoot('wins', ben, '/wins', async (page) => {
    await page.getByLabel('A small win').fill('A shared laugh over burnt rice');
    await navigates(page, () => button(page, 'Keep this win').click());
  });

  // Help when things are hard, and the guides.
  await shoot('guides', null, '/guides?q=therapist');
  await shoot('guide', null, '/guides/faq');
  await shoot('help', ana, '/help');
  await shoot('situations', ana, '/situations', async (page) => {
    await page.getByRole('radio', { name: 'Unsure about the future' }).check();
    await navigates(page, () => button(page, 'Save').click());
  });
  await shoot('roadblocks', ana, '/roadblocks');
  await shoot('touch', ana, '/touch');

  await shoot('settings', ana, '/settings');
  await shoot('settings-activity', ana, '/settings/activity');
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
