// The soft start-up coach: it highlights as the person types (with JavaScript), works as a plain
// form without it, and its page passes the same accessibility and privacy checks as every page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, newContext, withDiagnostics } from '../lib/browser.mjs';
import { checkPage, reportProblems, watchContext } from '../lib/checks.mjs';
import { startServer } from '../lib/server.mjs';
import { button, expectH1, label, navigates, visit } from '../lib/tend.mjs';

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
