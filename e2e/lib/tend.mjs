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

/** Goes to a path (or absolute URL) and returns the final HTTP status. */
export async function visit(page, base, pathOrUrl) {
  const response = await page.goto(new URL(pathOrUrl, base).href);
  return response?.status() ?? null;
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

/** Signs up and lands on /login with the "account is ready" notice. */
export async function signUp(person) {
  const { page, base } = person;
  const status = await fillSignup(page, base, person);
  assert.ok(
    status !== null && status < 400,
    `signup answered ${status} at ${page.url()}: "${await h1Text(page)}"` +
      (status === 403 ? ' (the form itself was refused, e.g. by the CSRF check)' : ''),
  );
  assert.equal(pathOf(page), '/login', `signup should redirect to /login, got ${page.url()}`);
  await page
    .getByRole('status')
    .filter({ hasText: 'Your account is ready. Log in to begin.' })
    .waitFor({ state: 'visible' });
}

/** Logs in from the current /login page (or a fresh one). Returns the URL landed on. */
export async function logIn(person) {
  const { page, base } = person;
  if (pathOf(page) !== '/login') await visit(page, base, '/login');
  await label(page, 'Email').fill(person.email);
  await label(page, 'Password').fill(person.password);
  const status = await navigates(page, () => button(page, 'Log in').click());
  assert.ok(status !== null && status < 400, `login answered ${status} at ${page.url()}`);
  return page.url();
}

/** Signs up, logs in and lands on /home with "Welcome, NAME". */
export async function signUpAndLogIn(person) {
  await signUp(person);
  await logIn(person);
  assert.equal(pathOf(person.page), '/home', `login should land on /home, got ${person.page.url()}`);
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
