// Active listening on two devices: each step taken on one shows on the other within moments,
// and every phase passes the same accessibility checks as every page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, withDiagnostics } from '../lib/browser.mjs';
import { checkPage, reportProblems, watchContext } from '../lib/checks.mjs';
import { startServer } from '../lib/server.mjs';
import { button, expectH1, label, navigates, newPerson, pairUp, visit } from '../lib/tend.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ label: 'listening' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const phase = (page, name) => page.getByRole('heading', { name, exact: true }).waitFor({ timeout: 2500 });

test('an active-listening round on two devices: speak, be heard, confirm, swap', { timeout: 180_000 }, async (t) => {
  const ana = await newPerson(browser, server.url, 'Ana');
  const ben = await newPerson(browser, server.url, 'Ben');
  const anaWatch = watchContext(ana.context, server.url);
  const benWatch = watchContext(ben.context, server.url);
  const problems = [];
  await withDiagnostics(t, [ana.page, ben.page], async () => {
    await pairUp(ana, ben);
    await visit(ana.page, server.url, '/listening');
    await visit(ben.page, server.url, '/listening');
    await expectH1(ben.page, 'Active listening');
    await checkPage(ana.page, anaWatch, problems, { name: 'listening, not started', hiddenNames: ['Ben'] });

    // Ana starts and speaks; Ben's open page turns to listening by itself.
    await navigates(ana.page, () => button(ana.page, 'Start listening').click());
    await phase(ana.page, 'Your turn to speak');
    await phase(ben.page, 'Your turn to listen');
    await checkPage(ana.page, anaWatch, problems, { name: 'listening, speaking', hiddenNames: ['Ben'] });
    await checkPage(ben.page, benWatch, problems, { name: 'listening, listening', hiddenNames: ['Ana'] });

    await navigates(ana.page, () => button(ana.page, 'The speaking turn is over').click());
    await phase(ben.page, 'Say back what you heard');
    await label(ben.page, 'It sounds like you felt…').fill('tired');
    await label(ben.page, '…when…').fill('the evenings go to work');
    await navigates(ben.page, () => button(ben.page, 'Say it back').click());
    await phase(ana.page, 'Is that right?');
    assert.match(await ana.page.locator('main').innerText(), /It sounds like you felt tired when the evenings go to work\./);
    await checkPage(ana.page, anaWatch, problems, { name: 'listening, confirming', hiddenNames: ['Ben'] });

    // Ana confirms: the roles swap on both devices.
    await navigates(ana.page, () => button(ana.page, "Yes, that's it").click());
    await phase(ben.page, 'Your turn to speak');
    await phase(ana.page, 'Your turn to listen');
  });
  reportProblems(problems);
  await Promise.all([ana.context.close(), ben.context.close()]);
});
