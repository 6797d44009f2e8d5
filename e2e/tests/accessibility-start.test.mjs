// Every page in the UI contract, in every state two people can reach, checked with axe (light and
// dark, desktop and phone) and for privacy basics: no third-party requests, a quick exit, a neutral
// title, no console errors. Part one: logged out, signing up, pairing, the plan, check-ups and
// the pulse (part two, accessibility-talk, takes the tools for talking and the rest).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, withDiagnostics } from '../lib/browser.mjs';
import { startAudit } from '../lib/audit.mjs';
import { startServer } from '../lib/server.mjs';
import {
  button,
  CHECKUP_SCALE,
  createCoupleSpace,
  expectH1,
  expectNotice,
  fillSignup,
  label,
  link,
  logIn,
  navigates,
  newPerson,
  readWeek,
  savePulse,
  setCheckupShared,
  signUp,
  signUpAndLogIn,
  startPlan,
  submitWith,
  takeCheckup,
  visit,
} from '../lib/tend.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ label: 'accessibility-start' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('every page from sign-up to the plan and check-ups is accessible, private and quiet', { timeout: 600_000 }, async (t) => {
  const base = server.url;
  const { anon, ana, ben, check, pressStep, pages, finish } = await startAudit(browser, base);

  await withDiagnostics(t, pages, async () => {
    // Logged out.
    await visit(anon, base, '/');
    await expectH1(anon, 'Tend');
    await check('anon', 'landing');

    await visit(anon, base, '/signup');
    await check('anon', 'signup');

    // Signup with validation errors the server finds (the browser's own checks would stop
    // anything cruder): an address without a dot in the domain, a very common password.
    const refused = await fillSignup(anon, base, {
      name: 'Ana',
      email: 'ana@example',
      password: '1q2w3e4r5t6y',
      timeZone: 'Europe/Berlin',
    });
    assert.ok(
      refused !== null && refused !== 403 && refused < 500,
      `signup with errors answered ${refused} (403: the form itself was refused, e.g. by the CSRF check)`,
    );
    await anon.locator('.error-summary').waitFor({ state: 'visible' });
    assert.equal(await label(anon, 'Email').getAttribute('aria-invalid'), 'true', 'Email marked aria-invalid');
    await check('anon', 'signup with errors');

    await visit(anon, base, '/login');
    await check('anon', 'login');

    const notFound = await visit(anon, base, '/this-page-does-not-exist');
    assert.equal(notFound, 404, 'unknown path answers 404');
    await link(anon, 'Back to Tend').waitFor({ state: 'visible' });
    await check('anon', '404 page (logged out)');

    // Ana: signed up and logged in, no couple yet.
    await signUp(ana);
    await expectH1(ana.page, 'Welcome, Ana');
    await check(ana, 'home, no couple yet', ['Ben']);

    const invite = await createCoupleSpace(ana);
    await check(ana, 'invite just made (code and link shown)', ['Ben']);
    await visit(ana.page, base, '/home');
    await expectH1(ana.page, 'Your couple space');
    await check(ana, 'home, invite open', ['Ben']);

    await visit(ana.page, base, '/plan');
    await expectH1(ana.page, 'The 8-week plan');
    await check(ana, 'plan, partner not joined yet', ['Ben']);

    await visit(ana.page, base, '/settings');
    await check(ana, 'settings', ['Ben']);

    await visit(ana.page, base, '/settings/activity');
    await expectH1(ana.page, 'Account activity');
    await check(ana, 'settings/activity', ['Ben']);

    await visit(ana.page, base, '/settings/delete');
    await label(ana.page, 'Password').waitFor({ state: 'visible' });
    await check(ana, 'settings/delete', ['Ben']);

    const notFoundLoggedIn = await visit(ana.page, base, '/no/such/page');
    assert.equal(notFoundLoggedIn, 404, 'unknown path answers 404 when logged in');
    await check(ana, '404 page (logged in)', ['Ben']);

    // Ben: opens the invite logged out, signs up, logs in, sees the join page logged in.
    await visit(ben.page, base, invite.link);
    await expectH1(ben.page, "You're invited to Tend");
    await check(ben, 'join, logged out', ['Ana']);

    await visit(ben.page, base, '/join/not-a-real-invite');
    await check(ben, 'join with an unknown invite', ['Ana']);

    await signUp(ben);
    await logIn(ben);
    await visit(ben.page, base, invite.link);
    await button(ben.page, 'Join the couple space').waitFor({ state: 'visible' });
    await check(ben, 'join, logged in', ['Ana']);

    await navigates(ben.page, () => button(ben.page, 'Join the couple space').click());
    await visit(ben.page, base, '/home');
    await expectH1(ben.page, 'You and Ana');
    await check(ben, 'home, paired', ['Ana']);

    await visit(ana.page, base, '/home');
    await expectH1(ana.page, 'You and Ben');
    await link(ana.page, 'Start our plan').waitFor({ state: 'visible' });
    await check(ana, 'home, paired (Today offers the plan)', ['Ben']);

    // The 8-week plan. Ben starts it: he lives west of Ana, so it has begun for her too.
    await visit(ben.page, base, '/plan');
    await label(ben.page, 'First day').waitFor({ state: 'visible' });
    await check(ben, 'plan, not started', ['Ana']);
    await startPlan(ben);
    await check(ben, 'plan, just started (notice)', ['Ana']);

    await visit(ana.page, base, '/home');
    const week = await readWeek(ana.page);
    await check(ana, 'home with Today (week 1)', ['Ben']);
    const sharedStep = week.steps.find((s) => s.together) ?? week.steps[0];
    const otherStep = week.steps.find((s) => s !== sharedStep);
    await pressStep(ana, 'Mark my part done', sharedStep.title);
    await pressStep(ana, 'Make this step smaller', otherStep.title);
    await check(ana, 'home with Today, a step marked and one made smaller', ['Ben']);

    await visit(ben.page, base, '/home');
    await pressStep(ben, 'Mark my part done', sharedStep.title);
    await check(ben, 'home with Today, a step done together', ['Ana']);

    await visit(ana.page, base, '/plan');
    await readWeek(ana.page);
    await check(ana, 'plan, week in progress', ['Ben']);
    await submitWith(ana.page, 'Pause the plan');
    await expectNotice(ana.page, 'Resume the plan');
    await check(ana, 'plan, paused (notice)', ['Ben']);
    await visit(ben.page, base, '/home');
    await button(ben.page, 'Resume the plan').waitFor({ state: 'visible' });
    await check(ben, 'home, plan paused', ['Ana']);
    await submitWith(ben.page, 'Resume the plan');
    await check(ben, 'plan, resumed (notice)', ['Ana']);

    // The distance check-up: empty history, the form, a validation error, a reading, sharing.
    await visit(ana.page, base, '/checkups');
    await expectH1(ana.page, 'Check-ups over time');
    await check(ana, 'checkups, none yet', ['Ben']);

    await visit(ana.page, base, '/checkup');
    await expectH1(ana.page, 'Distance check-up');
    await check(ana, 'checkup form', ['Ben']);

    const incomplete = await takeCheckup(ana, (i) => (i === 0 ? null : CHECKUP_SCALE[i % 4]));
    assert.equal(incomplete.status, 422, 'a check-up with a statement left out answers 422');
    await ana.page.locator('.error-summary').waitFor({ state: 'visible' });
    await check(ana, 'checkup with a validation error', ['Ben']);

    const kept = await takeCheckup(ana, (i) => CHECKUP_SCALE[(i * 5 + 3) % 4]);
    assert.ok(kept.id, `the check-up should lead to its reading, went to ${ana.page.url()}`);
    await expectH1(ana.page, 'Your reading');
    await check(ana, 'checkup reading, author, private', ['Ben']);
    await setCheckupShared(ana, kept.id, true);
    await check(ana, 'checkup reading, author, shared (notice)', ['Ben']);

    await visit(ben.page, base, `/checkup/${kept.id}`);
    await expectH1(ben.page, 'A reading shared with you');
    await check(ben, 'checkup reading, shared with the partner', ['Ana']);

    const unshared = await takeCheckup(ana, (i) => CHECKUP_SCALE[(i + 1) % 4]);
    assert.ok(unshared.id, `the second check-up should lead to its reading, went to ${ana.page.url()}`);
    const hidden = await visit(ben.page, base, `/checkup/${unshared.id}`);
    assert.equal(hidden, 404, "an unshared reading answers 404 for the partner");
    await check(ben, 'checkup reading, not shared (404 for the partner)', ['Ana']);

    await visit(ana.page, base, '/checkups');
    await ana.page.locator('svg.chart').waitFor({ state: 'visible' });
    await check(ana, 'checkups with results', ['Ben']);

    await visit(ben.page, base, '/checkups');
    await ben.page.getByRole('heading', { name: 'Shared with you', exact: true }).waitFor();
    await check(ben, 'checkups, none of his own, one shared with him', ['Ana']);

    // The weekly pulse, before and after.
    await visit(ana.page, base, '/pulse');
    await expectH1(ana.page, 'Weekly pulse');
    await check(ana, 'pulse, none yet', ['Ben']);
    await savePulse(ana);
    await ana.page.getByRole('heading', { name: 'Your weeks so far', exact: true }).waitFor();
    await check(ana, 'pulse saved (notice, table)', ['Ben']);
  });

  await finish();
});

test('pages work without JavaScript', { timeout: 120_000 }, async (t) => {
  const base = server.url;
  const person = await newPerson(browser, base, 'Noor', { contextOptions: { javaScriptEnabled: false } });
  await withDiagnostics(t, [person.page], async () => {
    await signUpAndLogIn(person);
    const invite = await createCoupleSpace(person);
    assert.ok(invite.code, 'invite code shown without JavaScript');
    await visit(person.page, base, '/settings');
    await person.page.getByRole('heading', { name: 'Profile', exact: true }).waitFor();

    // The check-up and the pulse are plain forms.
    const reading = await takeCheckup(person);
    assert.ok(reading.id, `the check-up should lead to its reading without JavaScript, went to ${person.page.url()}`);
    await expectH1(person.page, 'Your reading');
    await savePulse(person);
    await person.page.getByRole('heading', { name: 'Your weeks so far', exact: true }).waitFor();
  });
  await person.context.close();
});
