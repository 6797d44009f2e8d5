// Two people, two browsers: pairing by invite link and by typed code, and leaving.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, withDiagnostics } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';
import {
  button,
  createCoupleSpace,
  expectH1,
  h1Text,
  label,
  link,
  logIn,
  mainText,
  nameRegExp,
  navigates,
  newPerson,
  pathOf,
  logOut,
  signUp,
  signUpAndLogIn,
  visit,
} from '../lib/tend.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ label: 'pairing' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The `next` a link carries, decoded ("" when none). */
function nextOf(href, base) {
  return new URL(href, base).searchParams.get('next') ?? '';
}

test('Ana invites Ben by link, Ben joins, then leaves', { timeout: 180_000 }, async (t) => {
  const base = server.url;
  const ana = await newPerson(browser, base, 'Ana', { timeZone: 'Europe/Berlin' });
  const ben = await newPerson(browser, base, 'Ben', { timeZone: 'America/Toronto' });

  await withDiagnostics(t, [ana.page, ben.page], async () => {
    // Ana signs up, logs in and creates the couple space.
    await signUpAndLogIn(ana);
    const invite = await createCoupleSpace(ana);
    await visit(ana.page, base, '/home');
    await expectH1(ana.page, 'Your couple space');
    await button(ana.page, 'Make a new invite').waitFor({ state: 'visible' });
    await button(ana.page, 'Cancel this invite').waitFor({ state: 'visible' });

    // Ben opens the link logged out.
    await visit(ben.page, base, invite.link);
    await expectH1(ben.page, "You're invited to Tend");
    const createLink = link(ben.page, 'Create an account');
    const loginLink = link(ben.page, 'Log in');
    assert.equal(nextOf(await createLink.getAttribute('href'), base), invite.path, '"Create an account" carries next');
    assert.equal(nextOf(await loginLink.getAttribute('href'), base), invite.path, '"Log in" carries next');

    // Ben follows "Create an account" and signs up, which signs him in: he lands back on the join page.
    await navigates(ben.page, () => createLink.click());
    assert.equal(pathOf(ben.page), '/signup');
    await signUp(ben);
    assert.equal(pathOf(ben.page), invite.path, 'after sign-up Ben is back on the join page, signed in');

    // Ben joins.
    const joined = await navigates(ben.page, () => button(ben.page, 'Join the couple space').click());
    assert.ok(joined !== null && joined < 400, `joining answered ${joined}`);
    if (pathOf(ben.page) !== '/home') await visit(ben.page, base, '/home');
    await expectH1(ben.page, 'You and Ana');

    await ana.page.reload();
    await expectH1(ana.page, 'You and Ben');

    // The invite is used up: nobody else can join with it.
    assert.equal(await ana.page.locator('#invite-code').count(), 0, 'no invite code once paired');

    // Ben leaves, through the confirm page.
    await navigates(ben.page, () => link(ben.page, 'Leave the couple space').click());
    assert.equal(pathOf(ben.page), '/couple/leave');
    const left = await navigates(ben.page, () => button(ben.page, 'Leave the couple space').click());
    assert.ok(left !== null && left < 400, `leaving answered ${left}`);
    await visit(ben.page, base, '/home');
    await expectH1(ben.page, 'Welcome, Ben');

    // Ana sees her couple space closed, and Ben's name is gone.
    await ana.page.reload();
    await ana.page.getByRole('status').filter({ hasText: 'Your couple space is closed.' }).waitFor();
    const body = (await ana.page.locator('body').innerText()).replace(/\s+/g, ' ');
    assert.doesNotMatch(body, nameRegExp('Ben'), `Ana's home still names Ben: ${body}`);
    assert.doesNotMatch(await ana.page.title(), nameRegExp('Ben'));

    // "OK" acknowledges it; Ana can start again.
    await navigates(ana.page, () => button(ana.page, 'OK').click());
    if (pathOf(ana.page) !== '/home') await visit(ana.page, base, '/home');
    await button(ana.page, 'Create our couple space').waitFor({ state: 'visible' });
    assert.equal(
      await ana.page.getByRole('status').filter({ hasText: 'Your couple space is closed.' }).count(),
      0,
      'the closed notice is gone after OK',
    );
  });

  await Promise.all([ana.context.close(), ben.context.close()]);
});

test('a typed invite code pairs; a wrong code shows a calm error and changes nothing', { timeout: 180_000 }, async (t) => {
  const base = server.url;
  const cleo = await newPerson(browser, base, 'Cleo', { timeZone: 'Asia/Kolkata' });
  const dev = await newPerson(browser, base, 'Dev', { timeZone: 'Pacific/Auckland' });

  await withDiagnostics(t, [cleo.page, dev.page], async () => {
    await signUpAndLogIn(cleo);
    const invite = await createCoupleSpace(cleo);
    await signUpAndLogIn(dev);

    // A wrong code: an error Dev can act on, the form still there, nothing changed.
    const wrong = invite.code.startsWith('ZZZZ') ? 'YYYY-YYYY' : 'ZZZZ-ZZZZ';
    await label(dev.page, 'Invite code').fill(wrong);
    const status = await navigates(dev.page, () => button(dev.page, 'Join').click());
    assert.ok(status !== null && status < 500, `a wrong code answered ${status}`);
    const error = dev.page.locator('[role="alert"], .field-error');
    await error.first().waitFor({ state: 'visible' });
    const message = (await error.first().innerText()).trim();
    assert.ok(message.length > 0, 'the error says something');
    assert.doesNotMatch(await mainText(dev.page), /panic|internal server error|exception|stack trace/i);
    await label(dev.page, 'Invite code').waitFor({ state: 'visible' });

    await visit(dev.page, base, '/home');
    await expectH1(dev.page, 'Welcome, Dev');
    await visit(cleo.page, base, '/home');
    await expectH1(cleo.page, 'Your couple space');

    // The right code, typed: the wrong guess did not spoil the invite.
    await label(dev.page, 'Invite code').fill(invite.code);
    const joined = await navigates(dev.page, () => button(dev.page, 'Join').click());
    assert.ok(joined !== null && joined < 400, `joining by code answered ${joined}`);
    if (pathOf(dev.page) !== '/home') await visit(dev.page, base, '/home');
    await expectH1(dev.page, 'You and Cleo');

    await cleo.page.reload();
    await expectH1(cleo.page, 'You and Dev');
    assert.equal(await h1Text(cleo.page), 'You and Dev');
  });

  await Promise.all([cleo.context.close(), dev.context.close()]);
});

test('logging in with a wrong password fails calmly', { timeout: 60_000 }, async (t) => {
  const base = server.url;
  const eve = await newPerson(browser, base, 'Eve');
  await withDiagnostics(t, [eve.page], async () => {
    await signUp(eve);
    await logOut(eve);
    await label(eve.page, 'Email').fill(eve.email);
    await label(eve.page, 'Password').fill('not the right password at all');
    const status = await navigates(eve.page, () => button(eve.page, 'Log in').click());
    assert.ok(status !== null && status < 500, `a wrong password answered ${status}`);
    assert.notEqual(pathOf(eve.page), '/home');
    await eve.page.locator('[role="alert"], .field-error').first().waitFor({ state: 'visible' });
    const home = await visit(eve.page, base, '/home');
    assert.ok(home !== null && home < 500, `/home without a session answered ${home}`);
    assert.doesNotMatch(await mainText(eve.page), /Welcome, Eve/, '/home without a session shows nothing of Eve');
    await logIn(eve);
    await expectH1(eve.page, 'Welcome, Eve');
  });
  await eve.context.close();
});
