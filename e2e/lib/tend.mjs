// What a person does in Tend, in the words of the UI contract (accessible names, exact).

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { newContext } from './browser.mjs';

export const PASSWORD = 'quiet river morning walk';

export function uniqueEmail(name) {
  return `${name.toLowerCase()}.${Date.now().toString(36)}.${randomBytes(3).toString('hex')}@example.org`;
}

/**
 * One person with their own browser context (cookies are not shared between people).
 * @returns {Promise<{name: string, email: string, password: string, timeZone: string,
 *   context: import('playwright-core').BrowserContext, page: import('playwright-core').Page, base: string}>}
 */
export async function newPerson(browser, base, name, { timeZone = 'Europe/Berlin', contextOptions = {} } = {}) {
  const context = await newContext(browser, { timezoneId: timeZone, ...contextOptions });
  const page = await context.newPage();
  return { name, email: uniqueEmail(name), password: PASSWORD, timeZone, context, page, base };
}

export const label = (page, name) => page.getByLabel(name, { exact: true });
export const button = (page, name) => page.getByRole('button', { name, exact: true });
export const link = (page, name) => page.getByRole('link', { name, exact: true });

/**
 * Performs `action` (a click that submits a form or follows a link) and waits until the new
 * document has loaded. Returns the HTTP status of the final main-frame response.
 */
export async function navigates(page, action) {
  let status = null;
  const onResponse = (response) => {
    const request = response.request();
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) status = response.status();
  };
  page.on('response', onResponse);
  try {
    const loaded = page.waitForEvent('load');
    await action();
    await loaded;
  } finally {
    page.off('response', onResponse);
  }
  return status;
}

/**
 * Goes to a path (or absolute URL) and returns the final HTTP status. An open page may reload
 * itself when the live stream brings news (the partner just joined, say); if that reload was
 * already under way, it wins over this navigation, so wait for it and go again.
 */
export async function visit(page, base, pathOrUrl) {
  const url = new URL(pathOrUrl, base).href;
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await page.goto(url);
      return response?.status() ?? null;
    } catch (err) {
      if (attempt >= 3 || !/interrupted by another navigation/.test(String(err?.message))) throw err;
      await page.waitForLoadState('load');
    }
  }
}

export async function h1Text(page) {
  const h1 = page.locator('main h1');
  if ((await h1.count()) === 0) return '(no h1)';
  return ((await h1.first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits for the page's h1 to read exactly `text`. */
export async function expectH1(page, text) {
  try {
    await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor({ state: 'visible' });
  } catch {
    assert.fail(`expected h1 "${text}" on ${page.url()}, found "${await h1Text(page)}"`);
  }
}

export function pathOf(page) {
  return new URL(page.url()).pathname;
}

/** Fills in and submits the signup form on the current page (goes to /signup first if needed). */
export async function fillSignup(page, base, { name, email, password, timeZone }) {
  if (pathOf(page) !== '/signup') await visit(page, base, '/signup');
  await label(page, 'Your name').fill(name);
  await label(page, 'Email').fill(email);
  await label(page, 'Password').fill(password);
  await label(page, 'Time zone').selectOption(timeZone);
  return navigates(page, () => button(page, 'Create account').click());
}

/**
 * Signs up; sign-up signs the person in and lands on Today (/home), or on the page they came
 * from (an invite), never on the log-in page.
 */
export async function signUp(person) {
  const { page, base } = person;
  const status = await fillSignup(page, base, person);
  assert.ok(
    status !== null && status < 400,
    `signup answered ${status} at ${page.url()}: "${await h1Text(page)}"` +
      (status === 403 ? ' (the form itself was refused, e.g. by the CSRF check)' : ''),
  );
  await passRecoveryCode(person);
  assert.ok(!['/login', '/signup'].includes(pathOf(page)), `signup should sign in, got ${page.url()}`);
  await page.getByRole('navigation', { name: 'Main' }).waitFor({ state: 'visible' });
}

/**
 * The first sign-in (and the first after a reset without the code) shows a recovery code once:
 * keeps it on `person.recoveryCode` and goes on, as a person would after writing it down.
 */
export async function passRecoveryCode(person) {
  const { page } = person;
  if ((await h1Text(page)) !== 'Your recovery code') return;
  person.recoveryCode = (await page.locator('.recovery-code code').textContent()).trim();
  assert.match(person.recoveryCode, /^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  const status = await navigates(page, () => page.getByRole('link', { name: "I've kept it. Go on" }).click());
  assert.ok(status !== null && status < 400, `going on from the recovery code answered ${status}`);
}

/** Whether the page shows the signed-in navigation. */
export async function signedIn(page) {
  return (await page.getByRole('navigation', { name: 'Main' }).count()) > 0;
}

/** Logs in from the current /login page (or a fresh one), unless already signed in. Returns the URL landed on. */
export async function logIn(person) {
  const { page, base } = person;
  if (await signedIn(page)) return page.url();
  if (pathOf(page) !== '/login') await visit(page, base, '/login');
  await label(page, 'Email').fill(person.email);
  await label(page, 'Password').fill(person.password);
  const status = await navigates(page, () => button(page, 'Log in').click());
  assert.ok(status !== null && status < 400, `login answered ${status} at ${page.url()}`);
  await passRecoveryCode(person);
  return page.url();
}

/** Logs out from the "Me" page. */
export async function logOut(person) {
  const { page, base } = person;
  await visit(page, base, '/me');
  await navigates(page, () => button(page, 'Log out').click());
  assert.equal(pathOf(page), '/login');
}

/** Signs up (which signs in) and lands on /home with "Welcome, NAME". */
export async function signUpAndLogIn(person) {
  await signUp(person);
  assert.equal(pathOf(person.page), '/home', `sign-up should land on /home, got ${person.page.url()}`);
  await expectH1(person.page, `Welcome, ${person.name}`);
}

/**
 * From home with no couple: creates the couple space and returns the invite, read from the page
 * the button leads to. (The code and link may be shown only once, right after they are made:
 * don't navigate away before reading them.)
 */
export async function createCoupleSpace(person) {
  const { page, base } = person;
  if (pathOf(page) !== '/home') await visit(page, base, '/home');
  const status = await navigates(page, () => button(page, 'Create our couple space').click());
  assert.ok(status !== null && status < 400, `creating the couple space answered ${status} at ${page.url()}`);
  return readInvite(person);
}

/** From home while waiting for the partner: makes a new invite and returns it. */
export async function makeNewInvite(person) {
  const { page, base } = person;
  if (pathOf(page) !== '/home') await visit(page, base, '/home');
  const status = await navigates(page, () => button(page, 'Make a new invite').click());
  assert.ok(status !== null && status < 400, `making a new invite answered ${status} at ${page.url()}`);
  return readInvite(person);
}

/** Reads the invite code and link shown on the current page. */
export async function readInvite(person) {
  const { page, base } = person;
  try {
    await page.locator('#invite-code').waitFor({ state: 'visible' });
  } catch {
    assert.fail(`no #invite-code on ${page.url()} (h1 "${await h1Text(page)}")`);
  }
  const code = ((await page.locator('#invite-code').textContent()) ?? '').trim();
  const link = await page.locator('#invite-link').inputValue();
  assert.ok(code.length >= 4, `invite code looks empty: "${code}"`);
  const url = new URL(link);
  assert.match(url.pathname, /^\/join\/[^/]+$/, `invite link should be …/join/TOKEN, got ${link}`);
  assert.equal(
    url.origin,
    new URL(base).origin,
    `invite link ${link} should point at the server that made it (${base})`,
  );
  return { code, link, path: url.pathname };
}

/** A person's name as a whole word, any case: "Ana" → /\bAna\b/i. */
export function nameRegExp(name) {
  return new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i');
}

export async function mainText(page) {
  return (await page.locator('main').innerText()).replace(/\s+/g, ' ');
}

/** Waits for a status notice (`role="status"`) containing `text`. */
export async function expectNotice(page, text) {
  try {
    await page.getByRole('status').filter({ hasText: text }).first().waitFor({ state: 'visible' });
  } catch {
    assert.fail(`expected a notice "${text}" on ${page.url()}; main reads: ${await mainText(page).catch(() => '')}`);
  }
}

/** Clicks a button that submits a form and asserts the answer was not an error. */
export async function submitWith(page, name) {
  const status = await navigates(page, () => button(page, name).click());
  assert.ok(status !== null && status < 400, `"${name}" answered ${status} at ${page.url()}: "${await h1Text(page)}"`);
  return status;
}

/**
 * Both sign up and log in; `first` creates the couple space and `second` joins by the invite
 * link. Both end on /home, paired ("You and NAME").
 */
export async function pairUp(first, second) {
  await signUpAndLogIn(first);
  const invite = await createCoupleSpace(first);
  await signUpAndLogIn(second);
  await visit(second.page, second.base, invite.link);
  await submitWith(second.page, 'Join the couple space');
  await visit(second.page, second.base, '/home');
  await expectH1(second.page, `You and ${first.name}`);
  await visit(first.page, first.base, '/home');
  await expectH1(first.page, `You and ${second.name}`);
  return invite;
}

/** Today's date (YYYY-MM-DD) in a time zone, as the server computes "today" for a person there. */
export function localToday(timeZone) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date());
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

// ---- The 8-week plan -------------------------------------------------------------------------

/**
 * From /plan (not started, both partners in the couple): starts the plan (on `firstDay`, or on
 * the default the form offers) and lands on /plan with "Your plan has begun. Go gently.".
 */
export async function startPlan(person, { firstDay } = {}) {
  const { page, base } = person;
  if (pathOf(page) !== '/plan') await visit(page, base, '/plan');
  await expectH1(page, 'The 8-week plan');
  if (firstDay) await label(page, 'First day').fill(firstDay);
  await submitWith(page, 'Start our plan');
  assert.equal(pathOf(page), '/plan', `starting the plan should land on /plan, got ${page.url()}`);
  await expectNotice(page, 'Your plan has begun. Go gently.');
}

const WEEK_HEADING = /^Week (\d+): (.+)$/;
const PROGRESS = /^Day (\d) of 7 · (\d+) of (\d+) steps done on your side$/;

/** The card of the week in progress (home or /plan). */
export function weekCard(page) {
  return page
    .locator('section.card')
    .filter({ has: page.getByRole('heading', { level: 2, name: /^Week \d+: / }) });
}

/** The `li` of one step, by its title. */
export function stepItem(page, title) {
  return weekCard(page)
    .locator('ul.steps > li')
    .filter({ has: page.locator('.step-title', { hasText: title }) });
}

const squash = (text) => (text ?? '').replace(/\s+/g, ' ').trim();

/**
 * Reads the week card on the current page: its number and focus, the progress line, and each
 * step's title, text, whether it is done together ("Together" in its hint) and its done mark.
 */
export async function readWeek(page) {
  const card = weekCard(page);
  try {
    await card.waitFor({ state: 'visible' });
  } catch {
    assert.fail(`no week card ("Week N: FOCUS") on ${page.url()}; main reads: ${await mainText(page)}`);
  }
  const heading = squash(await card.getByRole('heading', { level: 2 }).first().textContent());
  const [, number, focus] = WEEK_HEADING.exec(heading);
  const progressText = squash(
    await card.locator('p').filter({ hasText: /steps done on your side/ }).first().textContent(),
  );
  const progress = PROGRESS.exec(progressText);
  assert.ok(progress, `progress line reads "${progressText}", expected "Day d of 7 · x of n steps done on your side"`);
  const steps = [];
  for (const item of await card.locator('ul.steps > li').all()) {
    const title = squash(await item.locator('.step-title').textContent());
    const hint = squash(await item.locator(':scope > p.hint').first().textContent());
    const marks = await item.locator('.done-mark').allTextContents();
    steps.push({
      title,
      text: squash(await item.locator(':scope > p:not(.hint):not(.done-mark)').first().textContent()),
      together: hint.startsWith('Together'),
      mark: marks.map(squash).join(' '),
      content: squash(await item.innerText()),
    });
  }
  return {
    heading,
    number: Number(number),
    focus,
    progressText,
    day: Number(progress[1]),
    done: Number(progress[2]),
    total: Number(progress[3]),
    steps,
  };
}

/** A step's button by what it does ("Mark my part done", "Use the full step", …) and the step's title. */
export function stepButton(page, action, title) {
  return button(page, `${action}: ${title}`);
}

/**
 * Waits for a step's button ("ACTION: TITLE", exact). If it isn't there, fails naming the buttons
 * the week card does have, with their accessible names as the browser computes them.
 */
export async function expectStepButton(page, action, title) {
  try {
    await stepButton(page, action, title).waitFor({ state: 'visible' });
  } catch {
    const snapshot = await weekCard(page).ariaSnapshot().catch(() => '(no week card)');
    const buttons = snapshot.split('\n').filter((line) => /- '?button /.test(line)).map((line) => line.trim());
    assert.fail(
      `no button named "${action}: ${title}" on ${page.url()}; the week card's buttons are:\n  ${buttons.join('\n  ')}`,
    );
  }
}

/** Clicks a step's button and checks the page came back to `path` (where the button was). */
export async function clickStepButton(page, action, title) {
  const from = pathOf(page);
  await expectStepButton(page, action, title);
  const status = await navigates(page, () => stepButton(page, action, title).click());
  assert.ok(status !== null && status < 400, `"${action}: ${title}" answered ${status} at ${page.url()}`);
  assert.equal(pathOf(page), from, `"${action}: ${title}" should come back to ${from}, went to ${page.url()}`);
}

/**
 * Like clickStepButton, for tests and tools that only need to get somewhere (the accessibility
 * walk, screenshots): if the button's exact name is wrong, `onProblem(message)` hears about it and
 * the step's button that begins with `action` is pressed instead, so the walk goes on.
 */
export async function pressStepButton(page, action, title, onProblem) {
  try {
    await expectStepButton(page, action, title);
  } catch (error) {
    onProblem(error.message);
    const from = pathOf(page);
    const fallback = stepItem(page, title).getByRole('button', { name: action });
    const status = await navigates(page, () => fallback.click());
    assert.ok(status !== null && status < 400, `"${action}" (${title}) answered ${status} at ${page.url()}`);
    assert.equal(pathOf(page), from, `"${action}" (${title}) should come back to ${from}, went to ${page.url()}`);
    return;
  }
  await clickStepButton(page, action, title);
}

// ---- Questionnaires: the check-up and the weekly pulse ---------------------------------------

export const CHECKUP_SCALE = ['Not at all', 'A little', 'Quite a bit', 'Very much'];
export const PULSE_SCALE = ['1', '2', '3', '4', '5'];

/**
 * Answers every `fieldset.question` on the page: `choose(index, statement)` returns the label of
 * the radio to pick, or null to leave that statement unanswered. Checks that each statement has
 * exactly the radios of `scale`. Returns [{ id, statement, choice }].
 */
export async function answerQuestions(page, scale, choose) {
  const fieldsets = await page.locator('fieldset.question').all();
  assert.ok(fieldsets.length > 0, `no fieldset.question on ${page.url()}`);
  const answers = [];
  for (const [index, fieldset] of fieldsets.entries()) {
    const statement = squash(await fieldset.locator('legend').textContent());
    assert.ok(statement, `statement ${index + 1} has an empty legend`);
    const radios = fieldset.getByRole('radio');
    const names = [];
    for (const radio of await radios.all()) names.push(squash(await radio.evaluate((r) => r.labels?.[0]?.textContent)));
    assert.deepEqual(names, scale, `the choices for "${statement}"`);
    const choice = choose(index, statement);
    if (choice !== null) await fieldset.getByRole('radio', { name: choice, exact: true }).check();
    answers.push({ id: await fieldset.getAttribute('id'), statement, choice });
  }
  return answers;
}

/**
 * Takes the distance check-up from /checkup, answering with `choose` (see answerQuestions) and
 * pressing "See my reading". Returns { status, id (of the result, when it was made), answers }.
 */
export async function takeCheckup(person, choose = (i) => CHECKUP_SCALE[i % CHECKUP_SCALE.length]) {
  const { page, base } = person;
  await visit(page, base, '/checkup');
  await expectH1(page, 'Distance check-up');
  const answers = await answerQuestions(page, CHECKUP_SCALE, choose);
  const status = await navigates(page, () => button(page, 'See my reading').click());
  const match = /^\/checkup\/([^/]+)$/.exec(pathOf(page));
  return { status, id: match ? decodeURIComponent(match[1]) : null, answers };
}

/** On the author's /checkup/ID: shares (or with `share: false` stops sharing) that result. */
export async function setCheckupShared(person, id, share = true) {
  const { page, base } = person;
  if (pathOf(page) !== `/checkup/${id}`) await visit(page, base, `/checkup/${id}`);
  await expectH1(page, 'Your reading');
  await submitWith(page, share ? 'Share this result' : 'Stop sharing');
  assert.equal(pathOf(page), `/checkup/${id}`, `sharing should come back to the result, got ${page.url()}`);
  await expectNotice(page, share ? 'Shared. You can take it back whenever you like.' : 'This result is private again.');
  await button(page, share ? 'Stop sharing' : 'Share this result').waitFor({ state: 'visible' });
}

/** Saves this week's pulse from /pulse, answering with `choose`. Returns the answers. */
export async function savePulse(person, choose = (i) => PULSE_SCALE[(i + 2) % PULSE_SCALE.length]) {
  const { page, base } = person;
  await visit(page, base, '/pulse');
  await expectH1(page, 'Weekly pulse');
  const answers = await answerQuestions(page, PULSE_SCALE, choose);
  await submitWith(page, "Save this week's pulse");
  assert.equal(pathOf(page), '/pulse', `saving the pulse should land on /pulse, got ${page.url()}`);
  await expectNotice(page, 'Thank you. Your pulse is saved, just for you.');
  return answers;
}
