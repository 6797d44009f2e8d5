// The private safety check, offered on home after sign-up: answered with risk, it says kindly
// that couples exercises are not advice where there is abuse, closes the joint hard-talk tools
// (the partner sees only the ordinary page of a couple without ground rules), lists the help lines
// of the country Ana chooses, and the quick exit leaves Tend so that
// pressing Back finds only the log-in page, never what the person was reading.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, withDiagnostics } from '../lib/browser.mjs';
import { checkPage, reportProblems, watchContext } from '../lib/checks.mjs';
import { startServer } from '../lib/server.mjs';
import { button, expectH1, link, navigates, newPerson, pairUp, visit } from '../lib/tend.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ label: 'safety' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the safety flow: private, tools closed without a reason, and a quick exit Back cannot undo', { timeout: 180_000 }, async (t) => {
  const ana = await newPerson(browser, server.url, 'Ana');
  const ben = await newPerson(browser, server.url, 'Ben');
  const anaWatch = watchContext(ana.context, server.url);
  const problems = [];
  await withDiagnostics(t, [ana.page, ben.page], async () => {
    await pairUp(ana, ben);
    // Offered on home after sign-up, one click from the check itself.
    await visit(ana.page, server.url, '/home');
    await ana.page.getByRole('heading', { name: 'Before you begin: a private safety check' }).waitFor();
    await checkPage(ana.page, anaWatch, problems, { name: 'home, safety check offered', hiddenNames: [] });
    await navigates(ana.page, () => link(ana.page, 'Take the safety check').click());
    await expectH1(ana.page, 'A private safety check');
    for (const fieldset of await ana.page.locator('fieldset.question').all()) {
      await fieldset.getByLabel('Yes', { exact: true }).check();
    }
    await navigates(ana.page, () => button(ana.page, 'Done').click());
    const text = await ana.page.locator('main').innerText();
    assert.match(text, /not recommended where someone is afraid, controlled or hurt/);
    await checkPage(ana.page, anaWatch, problems, { name: 'safety check, risk', hiddenNames: ['Ben'] });

    // Lines Ana can call, for the country she chooses on this device.
    await ana.page.getByLabel('Your country').selectOption('DE');
    await navigates(ana.page, () => button(ana.page, 'Show the lines').click());
    assert.match(await ana.page.locator('#lines').innerText(), /116 016/);
    assert.equal(await ana.page.getByRole('link', { name: 'Call 116 016' }).getAttribute('href'), 'tel:116016');

    // Ben sees hard talks as any couple does before agreeing ground rules: an ordinary page, with
    // no reason and nothing of Ana's answers or her country.
    await visit(ben.page, server.url, '/hard-talks');
    const his = await ben.page.locator('main').innerText();
    assert.match(his, /First, your ground rules/);
    // (The offer of his own safety check may be there: everyone who hasn't taken it sees it.)
    assert.doesNotMatch(his, /not available|afraid|Ana/i);
    await visit(ben.page, server.url, '/help');
    assert.doesNotMatch(await ben.page.locator('main').innerText(), /116 016|In Germany/);
    await visit(ben.page, server.url, '/home');
    assert.doesNotMatch(await ben.page.locator('main').innerText(), /safety check (taken|done)|risk/i);

    // The quick exit: the page leaves for the exit site (stood in for here), and Back does not
    // bring back what Ana was reading.
    await ana.context.route('https://www.wikipedia.org/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Elsewhere</title><h1>Elsewhere</h1>' }),
    );
    await visit(ana.page, server.url, '/safety');
    await Promise.all([
      ana.page.waitForURL(/wikipedia\.org/),
      ana.page.getByRole('link', { name: 'Quick exit', exact: true }).click(),
    ]);
    assert.equal(await ana.page.title(), 'Elsewhere');
    await ana.page.goBack();
    await ana.page.waitForLoadState('load');
    const after = ana.page.url().startsWith(server.url) ? await ana.page.locator('body').innerText() : '';
    assert.doesNotMatch(after, /safety check|afraid|Your safety comes first/i, `Back showed ${ana.page.url()}`);
    // Signed out on the way: any page of Tend now asks to log in.
    await visit(ana.page, server.url, '/safety');
    assert.match(new URL(ana.page.url()).pathname, /^\/login/);
  });
  reportProblems(problems);
});
