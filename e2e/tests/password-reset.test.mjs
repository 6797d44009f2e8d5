// A way back in, as a person meets it: they forget their password, ask for a link on the log-in
// page, choose a new password with the link from the email that arrives, and find their words
// where they left them. The link works once.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, withDiagnostics } from '../lib/browser.mjs';
import { checkPage, reportProblems, watchContext } from '../lib/checks.mjs';
import { startServer } from '../lib/server.mjs';
import { decodeQuotedPrintable, startSmtpSink } from '../lib/smtp.mjs';
import { button, expectH1, expectNotice, label, link, logIn, logOut, navigates, newPerson, signUp, visit } from '../lib/tend.mjs';

let server;
let browser;
let smtp;

before(async () => {
  smtp = await startSmtpSink();
  server = await startServer({ label: 'password-reset', env: { TEND_SMTP_URL: smtp.url, TEND_MAIL_FROM: 'Tend <tend@example.org>' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

test('a forgotten password: ask on the log-in page, choose a new one from the email with the recovery code, read your words again, sealed ones too', { timeout: 120_000 }, async (t) => {
  const ana = await newPerson(browser, server.url, 'Ana');
  const { page } = ana;
  const watch = watchContext(ana.context, server.url);
  const problems = [];
  await withDiagnostics(t, [page], async () => {
    await signUp(ana);
    assert.ok(ana.recoveryCode, 'sign-up showed a recovery code once');
    await visit(page, server.url, '/journal');
    await label(page, 'What did your partner do?').fill('Made tea before I woke up');
    await navigates(page, () => button(page, 'Keep this').click());
    // A clarity note is sealed under Ana's own key: only her recovery code brings it back.
    await visit(page, server.url, '/situations');
    await page.locator('input[name="situation"][value="unsure"]').check();
    await navigates(page, () => button(page, 'Save').click());
    await label(page, 'Your private answer').fill('I still want us, on a quiet day');
    await navigates(page, () => button(page, 'Keep it').click());
    await page.getByText('I still want us, on a quiet day').waitFor();
    await logOut(ana);

    await navigates(page, () => link(page, 'Forgot your password?').click());
    await expectH1(page, 'Choose a new password');
    await checkPage(page, watch, problems, { name: 'forgot password', hiddenNames: [] });
    await label(page, 'Email').fill(ana.email);
    await navigates(page, () => button(page, 'Send the link').click());
    await expectH1(page, 'Check your email');

    const email = decodeQuotedPrintable(await smtp.waitFor(/Choosing a new Tend password/));
    const resetLink = email.match(/https?:\/\/\S+\/password\/reset\/[A-Za-z0-9_-]+/)[0];
    await navigates(page, () => page.goto(resetLink));
    await expectH1(page, 'Choose a new password');
    await checkPage(page, watch, problems, { name: 'new password', hiddenNames: [] });
    await page.getByText('everything you wrote opens again').waitFor();
    await label(page, 'Recovery code (if you have it)').fill(ana.recoveryCode.toLowerCase());
    await label(page, 'New password').fill('a fresh start by the river');
    await navigates(page, () => button(page, 'Save the new password').click());
    await expectNotice(page, 'Your new password is saved, and every device was signed out. Log in with it now.');

    ana.password = 'a fresh start by the river';
    await logIn(ana);
    await visit(page, server.url, '/journal');
    await page.getByText('Made tea before I woke up').waitFor();
    await visit(page, server.url, '/situations');
    await page.getByText('I still want us, on a quiet day').waitFor();

    const status = await visit(page, server.url, resetLink);
    assert.equal(status, 404, 'the link works once');
    await expectH1(page, "This link can't be used");
  });
  await ana.context.close();
  reportProblems(problems);
});
