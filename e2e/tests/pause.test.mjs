// The pause, the couple's safe word: called on one device, it shows on the partner's open page
// within two seconds, and both get the calm screen. Its pages pass the same checks as every page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, withDiagnostics } from '../lib/browser.mjs';
import { checkPage, reportProblems, watchContext } from '../lib/checks.mjs';
import { startServer } from '../lib/server.mjs';
import { button, expectH1, navigates, newPerson, pairUp, visit } from '../lib/tend.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ label: 'pause' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a pause called on one device shows on the partner’s open page within two seconds', { timeout: 180_000 }, async (t) => {
  const ana = await newPerson(browser, server.url, 'Ana');
  const ben = await newPerson(browser, server.url, 'Ben');
  const anaWatch = watchContext(ana.context, server.url);
  const benWatch = watchContext(ben.context, server.url);
  const problems = [];
  await withDiagnostics(t, [ana.page, ben.page], async () => {
    await pairUp(ana, ben);
    // Ana is reading her home page; Ben opens the pause page.
    await visit(ana.page, server.url, '/home');
    await visit(ben.page, server.url, '/pause');
    await expectH1(ben.page, 'Pause');
    await checkPage(ben.page, benWatch, problems, { name: 'pause, before calling one', hiddenNames: ['Ana'] });

    await navigates(ben.page, () => button(ben.page, 'Call a pause').click());
    const calledAt = Date.now();
    const banner = ana.page.locator('.pause-banner');
    await banner.waitFor({ timeout: 2000 });
    const waited = Date.now() - calledAt;
    assert.ok(waited <= 2000, `the pause reached Ana's page in ${waited} ms`);
    assert.doesNotMatch(await banner.innerText(), /Ben/, 'nobody is named as the one who paused');
    await checkPage(ana.page, anaWatch, problems, { name: 'home, a pause has begun', hiddenNames: [] });

    // Both see the calm screen; only Ben proposes when to come back; nobody ends it during the quiet.
    await expectH1(ben.page, 'Pause');
    await ben.page.getByRole('heading', { name: 'When to come back', exact: true }).waitFor();
    await checkPage(ben.page, benWatch, problems, { name: 'pause, called by him', hiddenNames: ['Ana'] });
    await navigates(ana.page, () => banner.getByRole('link').click());
    await expectH1(ana.page, 'Pause');
    assert.equal(await ana.page.getByRole('heading', { name: 'When to come back', exact: true }).count(), 0);
    assert.equal(await button(ana.page, "We're ready to come back").count(), 0, 'the quiet comes first');
    await checkPage(ana.page, anaWatch, problems, { name: 'pause, called by her partner', hiddenNames: ['Ben'] });
  });
  reportProblems(problems);
  await Promise.all([ana.context.close(), ben.context.close()]);
});
