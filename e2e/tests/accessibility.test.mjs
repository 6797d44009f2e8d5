// Every page in the UI contract, in every state two people can reach, checked with axe (light and
// dark) and for privacy basics: no third-party requests, a quick exit, a neutral title, no console
// errors. Problems are collected across all pages and reported together at the end.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newContext, withDiagnostics } from '../lib/browser.mjs';
import { checkPage, reportProblems, watchContext } from '../lib/checks.mjs';
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
  pathOf,
  pressStepButton,
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
  server = await startServer({ label: 'accessibility' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('every page is accessible, private and quiet', { timeout: 480_000 }, async (t) => {
  const base = server.url;
  const problems = [];

  const visitor = await newContext(browser);
  const visitorWatch = watchContext(visitor, base);
  const anon = await visitor.newPage();

  const ana = await newPerson(browser, base, 'Ana', { timeZone: 'Europe/Berlin' });
  const anaWatch = watchContext(ana.context, base);
  const ben = await newPerson(browser, base, 'Ben', { timeZone: 'America/Toronto' });
  const benWatch = watchContext(ben.context, base);

  const check = (person, name, hiddenNames = []) => {
    const [page, watcher] =
      person === 'anon' ? [anon, visitorWatch] : person === ana ? [ana.page, anaWatch] : [ben.page, benWatch];
    return checkPage(page, watcher, problems, { name, hiddenNames });
  };

  // Pressing a plan step's button: a wrong accessible name is a problem to report with the rest,
  // not a reason to stop checking the pages after it.
  const pressStep = (person, action, title) =>
    pressStepButton(person.page, action, title, (message) =>
      problems.push(`  step button on ${pathOf(person.page)}:\n    - ${message.replace(/\n/g, '\n      ')}`),
    );

  await withDiagnostics(t, [anon, ana.page, ben.page], async () => {
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

    // Agreements: empty, then one proposed by Ana as Ben sees it.
    await visit(ana.page, base, '/agreements');
    await expectH1(ana.page, 'Agreements');
    await check(ana, 'agreements, none yet', ['Ben']);
    await ana.page.getByRole('radio', { name: 'Time together' }).check();
    await label(ana.page, 'The agreement').fill('We take a walk together on Sundays.');
    await navigates(ana.page, () => button(ana.page, 'Propose this agreement').click());
    await visit(ben.page, base, '/agreements');
    await ben.page.getByRole('heading', { name: 'Proposed', exact: true }).waitFor();
    await check(ben, 'agreements, one proposed to him', ['Ana']);

    // Curious questions: the deck, then tonight's ten.
    await visit(ana.page, base, '/questions');
    await expectH1(ana.page, 'Curious questions');
    await check(ana, 'questions, before a draw', ['Ben']);
    await navigates(ana.page, () => button(ana.page, 'Pick 10 for tonight').click());
    await ana.page.getByRole('heading', { name: "Tonight's questions", exact: true }).waitFor();
    await check(ana, "questions, tonight's ten", ['Ben']);

    // Safer hard conversations: an invitation, ground rules, a repair, a hard talk.
    await visit(ana.page, base, '/invitations');
    await expectH1(ana.page, 'Invitations to talk');
    await check(ana, 'invitations, none yet', ['Ben']);
    // Tapping an opener starts the invitation from its words.
    await navigates(ana.page, () => ana.page.locator('.opener-list a').first().click());
    assert.notEqual(await ana.page.getByLabel('Your invitation', { exact: true }).inputValue(), '');
    await ana.page.getByLabel('When (optional)', { exact: true }).fill(tomorrowAt('19:00'));
    await navigates(ana.page, () => button(ana.page, 'Send the invitation').click());
    await visit(ben.page, base, '/invitations');
    await check(ben, 'invitations, one to answer', ['Ana']);
    await visit(ana.page, base, '/ground-rules');
    await check(ana, 'ground rules, none yet', ['Ben']);
    await ana.page.getByRole('checkbox').first().check();
    await navigates(ana.page, () => button(ana.page, 'Propose these rules').click());
    await visit(ben.page, base, '/ground-rules');
    await check(ben, 'ground rules, proposed to him', ['Ana']);
    await navigates(ben.page, () => button(ben.page, 'Yes, these are our rules').click());
    await visit(ana.page, base, '/repairs');
    await check(ana, 'repairs, none yet', ['Ben']);
    await navigates(ana.page, () => button(ana.page, 'Offer this repair').click());
    await visit(ben.page, base, '/repairs');
    await check(ben, 'repairs, one offered to him', ['Ana']);
    await visit(ana.page, base, '/hard-talks');
    await expectH1(ana.page, 'Hard talks');
    await check(ana, 'hard talks, with ground rules', ['Ben']);

    // The private safety check: the questions, then a calm outcome.
    await visit(ana.page, base, '/safety');
    await expectH1(ana.page, 'A private safety check');
    await check(ana, 'safety check', ['Ben']);
    for (const no of await ana.page.getByRole('radio', { name: 'No', exact: true }).all()) await no.check();
    await navigates(ana.page, () => button(ana.page, 'Done').click());
    await check(ana, 'safety check, taken', ['Ben']);

    // Rituals, what the couple keeps together, help, guides and reminders: every page as it
    // first appears, with the same checks.
    for (const [path, h1] of [
      ['/rituals/schedule', 'Ritual schedule'],
      ['/journal', 'Appreciation journal'],
      ['/joy', 'Shared joy'],
      ['/capsules', 'Time capsule'],
      ['/own-your-part', 'Own your part'],
      ['/wins', 'Small wins'],
      ['/touch', 'Closeness, with care'],
      ['/help', 'When to seek outside help'],
      ['/situations', 'Special situations'],
      ['/roadblocks', 'When you feel stuck'],
      ['/reminders', 'Reminders'],
      ['/guides', 'Guides'],
      ['/course', 'A free eight-week course'],
    ]) {
      await visit(ana.page, base, path);
      await expectH1(ana.page, h1);
      await check(ana, path.slice(1), ['Ben']);
    }
    await visit(ana.page, base, '/guides/faq');
    await check(ana, 'a guide', ['Ben']);

    await visit(ben.page, base, '/settings');
    await check(ben, 'settings, paired', ['Ana']);

    await visit(ben.page, base, '/home');
    await navigates(ben.page, () => link(ben.page, 'Leave the couple space').click());
    assert.equal(pathOf(ben.page), '/couple/leave');
    await check(ben, 'leave confirm', ['Ana']);

    await navigates(ben.page, () => button(ben.page, 'Leave the couple space').click());
    await visit(ben.page, base, '/home');
    await check(ben, 'home, after leaving', ['Ana']);

    await visit(ana.page, base, '/home');
    await ana.page.getByRole('status').filter({ hasText: 'Your couple space is closed.' }).waitFor();
    await check(ana, 'home, couple space closed', ['Ben']);

    // A safety check that points to risk: kind words, help lines, the switch for the tools.
    await visit(ben.page, base, '/safety');
    for (const yes of await ben.page.getByRole('radio', { name: 'Yes', exact: true }).all()) await yes.check();
    await navigates(ben.page, () => button(ben.page, 'Done').click());
    await ben.page.getByRole('heading', { name: 'Your safety comes first', exact: true }).waitFor();
    await check(ben, 'safety check, risk', ['Ana']);
  });

  reportProblems(problems);
  await Promise.all([visitor.close(), ana.context.close(), ben.context.close()]);
});

/** Tomorrow at `time` in this machine's zone, for a datetime-local field. */
function tomorrowAt(time) {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${time}`;
}

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
