// The soft start-up coach: it highlights as the person types (with JavaScript), works as a plain
// form without it, its page passes the same accessibility and privacy checks as every page, and it
// has a quiet word before harsh words go to the partner in an invitation.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newContext, withDiagnostics } from '../lib/browser.mjs';
import { checkPage, reportProblems, watchContext } from '../lib/checks.mjs';
import { startServer } from '../lib/server.mjs';
import { button, expectH1, label, navigates, newPerson, pairUp, pathOf, visit } from '../lib/tend.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ label: 'coach' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the coach highlights harsh words as the person types, with a reason and a gentler start', { timeout: 120_000 }, async (t) => {
  const context = await newContext(browser);
  const watcher = watchContext(context, server.url);
  const page = await context.newPage();
  const problems = [];
  await withDiagnostics(t, [page], async () => {
    await visit(page, server.url, '/coach');
    await expectH1(page, 'Soft start-up coach');
    await checkPage(page, watcher, problems, { name: 'coach, empty' });

    // Typed key by key, never submitted: the highlight appears on its own.
    await label(page, 'Your opening').pressSequentially('You never listen to me and I feel lonely', { delay: 15 });
    const mark = page.locator('#coach-result mark.coach-mark');
    await mark.first().waitFor({ timeout: 5000 });
    assert.equal((await mark.first().textContent()).trim(), 'You never');
    const reasons = await page.locator('#coach-result .coach-reasons li').allTextContents();
    assert.ok(reasons.length >= 1 && reasons[0].startsWith('Absolutes'), `a reason per highlight: ${reasons}`);
    const suggestion = await page.locator('#coach-result .coach-suggestion').textContent();
    assert.match(suggestion, /^I feel lonely when you don't listen to me\./);
    assert.equal(new URL(page.url()).pathname, '/coach', 'nothing was submitted');
    await checkPage(page, watcher, problems, { name: 'coach, live highlights' });

    // Softened by hand, the highlight goes away.
    await label(page, 'Your opening').fill('');
    await label(page, 'Your opening').pressSequentially('I miss our talks. Could we walk tonight?', { delay: 10 });
    await page.getByRole('heading', { name: 'This reads gently', exact: true }).waitFor({ timeout: 5000 });
    assert.equal(await mark.count(), 0);
  });
  reportProblems(problems);
  await context.close();
});

test('without JavaScript the coach answers the submitted form', { timeout: 60_000 }, async (t) => {
  const context = await newContext(browser, { javaScriptEnabled: false });
  const page = await context.newPage();
  await withDiagnostics(t, [page], async () => {
    await visit(page, server.url, '/coach');
    await label(page, 'Your opening').fill("Why do you always do this? You're so selfish");
    await navigates(page, () => button(page, 'Check my words').click());
    const marks = await page.locator('mark.coach-mark').allTextContents();
    assert.deepEqual(marks.map((m) => m.trim()), ['you always', 'so selfish']);
  });
  await context.close();
});

test('before an invitation goes to the partner, the coach has a quiet word for harsh words only', { timeout: 120_000 }, async (t) => {
  const ana = await newPerson(browser, server.url, 'Ana');
  const ben = await newPerson(browser, server.url, 'Ben');
  const watcher = watchContext(ana.context, server.url);
  const problems = [];
  await withDiagnostics(t, [ana.page, ben.page], async () => {
    await pairUp(ana, ben);
    const send = async (words) => {
      await visit(ana.page, server.url, '/invitations');
      await label(ana.page, 'Your invitation').fill(words);
      await navigates(ana.page, () => button(ana.page, 'Send the invitation').click());
    };

    // Harsh: the note, with the words marked; nothing has gone yet.
    await send('You never listen to me and it is pathetic.');
    const note = ana.page.getByRole('heading', { name: 'Before you send: some words may put your partner on guard' });
    await note.waitFor();
    assert.deepEqual(await ana.page.locator('.coach-note mark.coach-mark').allTextContents(), ['You never', 'pathetic']);
    await checkPage(ana.page, watcher, problems, { name: 'invitations, the coach note', hiddenNames: ['Ben'] });
    await visit(ben.page, server.url, '/invitations');
    assert.equal(await ben.page.getByText('An invitation for').count(), 0, 'nothing reached Ben yet');

    // Sent as it is, by choice.
    await navigates(ana.page, () => button(ana.page, 'Send as it is').click());
    assert.equal(pathOf(ana.page), '/invitations');
    await visit(ben.page, server.url, '/invitations');
    assert.equal(await ben.page.getByText('An invitation for').count(), 1);

    // Kind words: no note, straight out.
    await send('Could we find an evening this week to talk about the weekends?');
    assert.equal(await note.count(), 0, 'no note for kind words');
    await visit(ben.page, server.url, '/invitations');
    assert.equal(await ben.page.getByText('An invitation for').count(), 2);
  });
  reportProblems(problems);
  await Promise.all([ana.context.close(), ben.context.close()]);
});
