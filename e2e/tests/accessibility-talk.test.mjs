// Every page in the UI contract, part two: agreements, questions, the tools for talking, the
// safety check, every ritual and support page, settings and leaving, each checked as in part one
// (accessibility-start): axe light and dark on desktop and phone, no third-party requests, a quick
// exit, a neutral title, no console errors.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, withDiagnostics } from '../lib/browser.mjs';
import { startAudit } from '../lib/audit.mjs';
import { startServer } from '../lib/server.mjs';
import {
  button,
  expectH1,
  label,
  link,
  navigates,
  pairUp,
  pathOf,
  visit,
} from '../lib/tend.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ label: 'accessibility-talk' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('every page for talking, rituals, support and leaving is accessible, private and quiet', { timeout: 600_000 }, async (t) => {
  const base = server.url;
  const { ana, ben, check, pages, finish } = await startAudit(browser, base);

  await withDiagnostics(t, pages, async () => {
    await pairUp(ana, ben);

    // Agreements: empty, then one proposed by Ana as Ben sees it.
    await visit(ana.page, base, '/agreements');
    await expectH1(ana.page, 'Agreements');
    await check(ana, 'agreements, none yet', ['Ben']);
    await ana.page.getByRole('radio', { name: 'Time together' }).check();
    await label(ana.page, 'The agreement').fill('We take a walk together on Sundays.');
    await navigates(ana.page, () => button(ana.page, 'Propose this agreement').click());
    await visit(ben.page, base, '/agreements');
    await ben.page.getByRole('heading', { name: 'Proposed', exact: true }).waitFor();
    await check(ben, 'agreements, one proposed to him', ['Ana']);

    // Curious questions: the deck, then tonight's ten.
    await visit(ana.page, base, '/questions');
    await expectH1(ana.page, 'Curious questions');
    await check(ana, 'questions, before a draw', ['Ben']);
    await navigates(ana.page, () => button(ana.page, 'Pick 10 for tonight').click());
    await ana.page.getByRole('heading', { name: "Tonight's questions", exact: true }).waitFor();
    await check(ana, "questions, tonight's ten", ['Ben']);

    // Safer hard conversations: an invitation, ground rules, a repair, a hard talk.
    await visit(ana.page, base, '/invitations');
    await expectH1(ana.page, 'Invitations to talk');
    await check(ana, 'invitations, none yet', ['Ben']);
    // Tapping an opener starts the invitation from its words.
    await navigates(ana.page, () => ana.page.locator('.opener-list a').first().click());
    assert.notEqual(await ana.page.getByLabel('Your invitation', { exact: true }).inputValue(), '');
    await ana.page.getByLabel('When (optional)', { exact: true }).fill(tomorrowAt('19:00'));
    await navigates(ana.page, () => button(ana.page, 'Send the invitation').click());
    await visit(ben.page, base, '/invitations');
    await check(ben, 'invitations, one to answer', ['Ana']);
    await visit(ana.page, base, '/ground-rules');
    await check(ana, 'ground rules, none yet', ['Ben']);
    await ana.page.getByRole('checkbox').first().check();
    await navigates(ana.page, () => button(ana.page, 'Propose these rules').click());
    await visit(ben.page, base, '/ground-rules');
    await check(ben, 'ground rules, proposed to him', ['Ana']);
    await navigates(ben.page, () => button(ben.page, 'Yes, these are our rules').click());
    await visit(ana.page, base, '/repairs');
    await check(ana, 'repairs, none yet', ['Ben']);
    await navigates(ana.page, () => button(ana.page, 'Offer this repair').click());
    await visit(ben.page, base, '/repairs');
    await check(ben, 'repairs, one offered to him', ['Ana']);
    await visit(ana.page, base, '/hard-talks');
    await expectH1(ana.page, 'Hard talks');
    await check(ana, 'hard talks, with ground rules', ['Ben']);

    // The private safety check: the questions, then a calm outcome.
    await visit(ana.page, base, '/safety');
    await expectH1(ana.page, 'A private safety check');
    await check(ana, 'safety check', ['Ben']);
    for (const no of await ana.page.getByRole('radio', { name: 'No', exact: true }).all()) await no.check();
    await navigates(ana.page, () => button(ana.page, 'Done').click());
    await check(ana, 'safety check, taken', ['Ben']);

    // Rituals, what the couple keeps together, help, guides and reminders: every page as it
    // first appears, with the same checks.
    for (const [path, h1] of [
      ['/rituals/schedule', 'Ritual schedule'],
      ['/journal', 'Appreciation journal'],
      ['/joy', 'Shared joy'],
      ['/capsules', 'Time capsule'],
      ['/own-your-part', 'Own your part'],
      ['/wins', 'Small wins'],
      ['/touch', 'Closeness, with care'],
      ['/help', 'When to seek outside help'],
      ['/situations', 'Special situations'],
      ['/roadblocks', 'When you feel stuck'],
      ['/reminders', 'Reminders'],
      ['/guides', 'Guides'],
      ['/course', 'A free eight-week course'],
    ]) {
      await visit(ana.page, base, path);
      await expectH1(ana.page, h1);
      await check(ana, path.slice(1), ['Ben']);
    }
    await visit(ana.page, base, '/guides/faq');
    await check(ana, 'a guide', ['Ben']);

    await visit(ben.page, base, '/settings');
    await check(ben, 'settings, paired', ['Ana']);

    await visit(ben.page, base, '/home');
    await navigates(ben.page, () => link(ben.page, 'Leave the couple space').click());
    assert.equal(pathOf(ben.page), '/couple/leave');
    await check(ben, 'leave confirm', ['Ana']);

    await navigates(ben.page, () => button(ben.page, 'Leave the couple space').click());
    await visit(ben.page, base, '/home');
    await check(ben, 'home, after leaving', ['Ana']);

    await visit(ana.page, base, '/home');
    await ana.page.getByRole('status').filter({ hasText: 'Your couple space is closed.' }).waitFor();
    await check(ana, 'home, couple space closed', ['Ben']);

    // A safety check that points to risk: kind words, help lines, the switch for the tools.
    await visit(ben.page, base, '/safety');
    for (const yes of await ben.page.getByRole('radio', { name: 'Yes', exact: true }).all()) await yes.check();
    await navigates(ben.page, () => button(ben.page, 'Done').click());
    await ben.page.getByRole('heading', { name: 'Your safety comes first', exact: true }).waitFor();
    await check(ben, 'safety check, risk', ['Ana']);
  });

  await finish();
});

/** Tomorrow at `time` in this machine's zone, for a datetime-local field. */
function tomorrowAt(time) {
  const d = new Date(Date.now() + 24 * 3600 * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${time}`;
}
