// The free course by email, as a person meets it: ask on the public page, confirm with the link
// from the email that arrives, get week 1, and stop it with one click from the email's link.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newContext, withDiagnostics } from '../lib/browser.mjs';
import { checkPage, reportProblems, watchContext } from '../lib/checks.mjs';
import { startServer } from '../lib/server.mjs';
import { decodeQuotedPrintable, startSmtpSink } from '../lib/smtp.mjs';
import { button, expectH1, expectNotice, label, navigates, visit } from '../lib/tend.mjs';

let server;
let browser;
let smtp;

before(async () => {
  smtp = await startSmtpSink();
  server = await startServer({ label: 'course', env: { TEND_SMTP_URL: smtp.url, TEND_MAIL_FROM: 'Tend <tend@example.org>' } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.close();
});

test('the free course: ask, confirm from the email, stop with one click', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser, {});
  const page = await context.newPage();
  const watch = watchContext(context, server.url);
  const problems = [];
  await withDiagnostics(t, [page], async () => {
    await visit(page, server.url, '/course');
    await expectH1(page, 'A free eight-week course');
    await checkPage(page, watch, problems, { name: 'course sign-up', hiddenNames: [] });
    await label(page, 'Your email').fill('reader@example.org');
    await navigates(page, () => button(page, 'Send me the course').click());
    await expectNotice(page, 'Thank you. If the address can receive it, a link to confirm is on its way.');

    const confirmation = decodeQuotedPrintable(await smtp.waitFor(/confirm your free Tend course/));
    assert.doesNotMatch(confirmation, /List-Unsubscribe/i, 'only the confirmation, and no list mail yet');
    const link = confirmation.match(/https?:\/\/\S+\/course\/confirm\/[A-Za-z0-9_-]+/)[0];
    await navigates(page, () => page.goto(link));
    await expectNotice(page, 'Confirmed. The first week is on its way to your inbox.');

    const week1 = decodeQuotedPrintable(await smtp.waitFor(/week 1 of 8/));
    assert.match(week1, /List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    const unsubscribe = week1.match(/List-Unsubscribe: <([^>]+)>/)[1];
    await visit(page, server.url, unsubscribe);
    await expectH1(page, 'Stop the free course?');
    await checkPage(page, watch, problems, { name: 'course unsubscribe', hiddenNames: [] });
    await navigates(page, () => button(page, 'Unsubscribe').click());
    await expectNotice(page, "You're unsubscribed. No more course emails will come.");
  });
  await context.close();
  reportProblems(problems);
});
