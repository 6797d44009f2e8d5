// The program, by two people in two browsers: the 8-week plan (each marks only their own part; a
// shared step is done together only when both have marked it, and nobody sees the other's part),
// the distance check-up (private until shared, one result at a time, and unshared at will), and
// the weekly pulse (never shown to anyone else).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, withDiagnostics } from '../lib/browser.mjs';
import { startServer } from '../lib/server.mjs';
import {
  button,
  CHECKUP_SCALE,
  clickStepButton,
  expectStepButton,
  expectH1,
  expectNotice,
  label,
  link,
  localToday,
  mainText,
  nameRegExp,
  navigates,
  newPerson,
  pairUp,
  pathOf,
  PULSE_SCALE,
  readWeek,
  savePulse,
  setCheckupShared,
  startPlan,
  stepButton,
  stepItem,
  submitWith,
  takeCheckup,
  visit,
  weekCard,
} from '../lib/tend.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ label: 'program' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The part of a page that belongs to the plan: the week card (the h1 names the partner anyway). */
async function weekText(page) {
  return (await weekCard(page).innerText()).replace(/\s+/g, ' ');
}

test('the 8-week plan: started by one, each marks their own part, done together only when both have', { timeout: 240_000 }, async (t) => {
  const base = server.url;
  // Ana lives west of Ben, so on the day she starts the plan it has started for Ben too.
  const ana = await newPerson(browser, base, 'Ana', { timeZone: 'America/Toronto' });
  const ben = await newPerson(browser, base, 'Ben', { timeZone: 'Europe/Berlin' });

  await withDiagnostics(t, [ana.page, ben.page], async () => {
    await pairUp(ana, ben);

    // Before the plan starts, Today offers it; "Just for you" links to the check-up and the pulse.
    for (const person of [ana, ben]) {
      await visit(person.page, base, '/home');
      const offer = person.page.locator('section.card').filter({
        has: person.page.getByRole('heading', { level: 2, name: 'The 8-week plan', exact: true }),
      });
      await offer.waitFor({ state: 'visible' });
      assert.equal(new URL(await link(person.page, 'Start our plan').getAttribute('href'), base).pathname, '/plan');
      const yours = person.page.locator('section.card').filter({
        has: person.page.getByRole('heading', { level: 2, name: 'Just for you', exact: true }),
      });
      assert.equal(new URL(await link(yours, 'Distance check-up').getAttribute('href'), base).pathname, '/checkup');
      assert.equal(new URL(await link(yours, 'Weekly pulse').getAttribute('href'), base).pathname, '/pulse');
      assert.equal(await weekCard(person.page).count(), 0, 'no week card before the plan starts');
    }

    // Ana follows the link and starts the plan; the first day defaults to her today.
    await visit(ana.page, base, '/home');
    await navigates(ana.page, () => link(ana.page, 'Start our plan').click());
    assert.equal(pathOf(ana.page), '/plan');
    await expectH1(ana.page, 'The 8-week plan');
    const firstDay = label(ana.page, 'First day');
    assert.equal(await firstDay.getAttribute('type'), 'date');
    assert.equal(await firstDay.inputValue(), localToday(ana.timeZone), '"First day" defaults to today');
    await startPlan(ana);
    assert.equal(await button(ana.page, 'Start our plan').count(), 0, 'the start form is gone once started');
    await button(ana.page, 'Repeat this week next').waitFor({ state: 'visible' });
    await button(ana.page, 'Pause the plan').waitFor({ state: 'visible' });

    const planned = await readWeek(ana.page);
    assert.equal(planned.number, 1, `the plan starts in week 1, shows "${planned.heading}"`);
    assert.equal(planned.day, 1, `the plan starts on day 1, shows "${planned.progressText}"`);
    assert.equal(planned.done, 0);
    assert.equal(planned.total, planned.steps.length, 'the progress line counts every step of the week');
    assert.ok(planned.steps.length >= 2, `week 1 has steps: ${JSON.stringify(planned.steps)}`);
    const shared = planned.steps.filter((s) => s.together).map((s) => s.title);
    const own = planned.steps.filter((s) => !s.together).map((s) => s.title);
    assert.ok(shared.length > 0 && own.length > 0, `week 1 has shared and own steps: ${JSON.stringify(planned.steps)}`);
    for (const step of planned.steps) {
      assert.equal(step.mark, '', `"${step.title}" is not done yet`);
      await expectStepButton(ana.page, 'Mark my part done', step.title);
      await expectStepButton(ana.page, 'Make this step smaller', step.title);
    }

    // "Make this step smaller" swaps in the smaller text; "Use the full step" brings the full one back.
    const first = planned.steps[0];
    await clickStepButton(ana.page, 'Make this step smaller', first.title);
    const smaller = (await readWeek(ana.page)).steps[0];
    assert.equal(smaller.title, first.title);
    assert.notEqual(smaller.text, first.text, `"${first.title}" should read differently once smaller`);
    assert.ok(smaller.text.length > 0, 'the smaller step still says what to do');
    await expectStepButton(ana.page, 'Use the full step', first.title);
    assert.equal(await stepButton(ana.page, 'Make this step smaller', first.title).count(), 0);
    await clickStepButton(ana.page, 'Use the full step', first.title);
    assert.equal((await readWeek(ana.page)).steps[0].text, first.text, 'the full step is back');
    await expectStepButton(ana.page, 'Make this step smaller', first.title);

    // Both see the same week on their home page.
    await visit(ben.page, base, '/home');
    await expectH1(ben.page, 'You and Ana');
    const benBefore = await readWeek(ben.page);
    assert.equal(benBefore.number, 1, `Ben is in week 1 too, sees "${benBefore.heading}"`);
    assert.deepEqual(benBefore.steps.map((s) => s.title), planned.steps.map((s) => s.title));
    assert.equal(benBefore.done, 0);
    const benWeekBefore = await weekText(ben.page);
    const benPlanBefore = await (async () => {
      await visit(ben.page, base, '/plan');
      return weekText(ben.page);
    })();

    // Ana marks all her parts from her home page.
    await visit(ana.page, base, '/home');
    for (const [i, step] of planned.steps.entries()) {
      await clickStepButton(ana.page, 'Mark my part done', step.title);
      const now = await readWeek(ana.page);
      assert.equal(now.done, i + 1, `after marking "${step.title}" Ana's progress reads "${now.progressText}"`);
      const item = now.steps[i];
      assert.equal(item.mark, 'Your part is done', `Ana's "${step.title}" shows only her own part done`);
      await expectStepButton(ana.page, 'Not done after all', step.title);
    }
    assert.doesNotMatch(await weekText(ana.page), /Done together/, 'nothing is done together while only Ana has marked');

    // Ben's pages say nothing about Ana's marks: not "Done together", not her name, not a word changed.
    for (const path of ['/home', '/plan']) {
      await visit(ben.page, base, path);
      const week = await readWeek(ben.page);
      const text = await weekText(ben.page);
      assert.equal(week.done, 0, `Ben's progress on ${path} reads "${week.progressText}"`);
      assert.doesNotMatch(text, /Done together|Your part is done/, `Ben's ${path} shows a step done: ${text}`);
      assert.doesNotMatch(text, nameRegExp('Ana'), `Ben's ${path} names Ana in the week: ${text}`);
      assert.doesNotMatch(text, /\b(partner|waiting|already|marked)\b/i, `Ben's ${path} hints at Ana's marks: ${text}`);
      for (const title of shared) {
        assert.equal(await stepItem(ben.page, title).locator('.done-mark').count(), 0, `"${title}" has a done mark for Ben`);
        await expectStepButton(ben.page, 'Mark my part done', title);
      }
      assert.equal(text, path === '/home' ? benWeekBefore : benPlanBefore, `Ben's week card on ${path} changed after Ana's marks`);
    }

    // Ben marks his parts from his home page: a shared step is done together the moment he does.
    await visit(ben.page, base, '/home');
    for (const [i, step] of planned.steps.entries()) {
      await clickStepButton(ben.page, 'Mark my part done', step.title);
      const now = await readWeek(ben.page);
      assert.equal(now.done, i + 1, `after marking "${step.title}" Ben's progress reads "${now.progressText}"`);
      assert.equal(
        now.steps[i].mark,
        step.together ? 'Done together' : 'Your part is done',
        `Ben's "${step.title}" (${step.together ? 'shared' : 'each their own'})`,
      );
    }

    // Both: every step done on their side, shared steps done together.
    for (const person of [ana, ben]) {
      await visit(person.page, base, '/home');
      const week = await readWeek(person.page);
      assert.equal(week.progressText.replace(/^Day \d of 7 · /, ''), `${week.total} of ${week.total} steps done on your side`);
      for (const step of week.steps) {
        assert.equal(
          step.mark,
          step.together ? 'Done together' : 'Your part is done',
          `${person.name}'s "${step.title}" (${step.together ? 'shared' : 'each their own'})`,
        );
        await expectStepButton(person.page, 'Not done after all', step.title);
      }
      assert.doesNotMatch(await weekText(person.page), nameRegExp(person === ana ? 'Ben' : 'Ana'));
    }

    // Ben takes back one shared step: it is no longer done together for Ana; her own part stays.
    const takenBack = shared[0];
    await visit(ben.page, base, '/home');
    await clickStepButton(ben.page, 'Not done after all', takenBack);
    assert.equal(await stepItem(ben.page, takenBack).locator('.done-mark').count(), 0);
    await visit(ana.page, base, '/home');
    const anaAfter = await readWeek(ana.page);
    assert.equal(anaAfter.steps.find((s) => s.title === takenBack).mark, 'Your part is done');
    assert.equal(anaAfter.done, anaAfter.total, 'Ana still has every step done on her side');
    await visit(ben.page, base, '/home');
    await clickStepButton(ben.page, 'Mark my part done', takenBack);
    assert.equal((await readWeek(ben.page)).steps.find((s) => s.title === takenBack).mark, 'Done together');

    // Pausing and resuming, from /plan; the paused plan shows on both homes.
    await visit(ana.page, base, '/plan');
    await submitWith(ana.page, 'Pause the plan');
    await expectNotice(ana.page, 'Resume the plan');
    assert.equal(await button(ana.page, 'Pause the plan').count(), 0, 'no "Pause the plan" while paused');
    await visit(ben.page, base, '/home');
    await button(ben.page, 'Resume the plan').waitFor({ state: 'visible' });
    await submitWith(ben.page, 'Resume the plan');
    await visit(ana.page, base, '/plan');
    await button(ana.page, 'Pause the plan').waitFor({ state: 'visible' });
    assert.equal(await button(ana.page, 'Resume the plan').count(), 0, 'no "Resume the plan" once resumed');
    const resumed = await readWeek(ana.page);
    assert.equal(resumed.number, 1);
    assert.equal(resumed.done, resumed.total, 'pausing and resuming keeps what was done');
  });

  await Promise.all([ana.context.close(), ben.context.close()]);
});

test('check-up results stay private until shared, one at a time, and can be taken back', { timeout: 240_000 }, async (t) => {
  const base = server.url;
  const ana = await newPerson(browser, base, 'Ana', { timeZone: 'Europe/Berlin' });
  const ben = await newPerson(browser, base, 'Ben', { timeZone: 'America/Toronto' });

  await withDiagnostics(t, [ana.page, ben.page], async () => {
    await pairUp(ana, ben);

    // Nothing yet, for either.
    for (const person of [ana, ben]) {
      await visit(person.page, base, '/checkups');
      await expectH1(person.page, 'Check-ups over time');
      assert.equal(await person.page.locator('table').count(), 0, `${person.name} has no results yet`);
      assert.equal(
        await person.page.getByRole('heading', { name: 'Shared with you', exact: true }).count(),
        0,
        `${person.name} has nothing shared yet`,
      );
    }

    // A statement left out: the form comes back (422) with an error summary and Ana's answers kept.
    const missing = await takeCheckup(ana, (i) => (i === 2 ? null : CHECKUP_SCALE[i % 4]));
    assert.equal(missing.status, 422, 'a missing answer answers 422');
    assert.equal(pathOf(ana.page), '/checkup');
    assert.equal(missing.id, null);
    await expectH1(ana.page, 'Distance check-up');
    const summary = ana.page.locator('.error-summary');
    await summary.waitFor({ state: 'visible' });
    const unanswered = missing.answers[2];
    // Each link in the summary leads somewhere on the page, and to the statement left out.
    const summaryLinks = await summary
      .getByRole('link')
      .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), text: a.textContent.trim() })));
    for (const { href, text } of summaryLinks) {
      const target = href?.startsWith('#') ? decodeURIComponent(href.slice(1)) : null;
      const found = target ? await ana.page.evaluate((id) => document.getElementById(id) !== null, target) : false;
      assert.ok(found, `the error summary's link "${text}" (href="${href}") leads to no element on the page`);
    }
    assert.deepEqual(
      summaryLinks.map((l) => l.href),
      [`#${unanswered.id}`],
      `the error summary should point at the one statement left out ("${unanswered.statement}")`,
    );
    for (const answer of missing.answers) {
      const group = ana.page.locator(`fieldset.question[id="${answer.id}"]`);
      if (answer.choice === null) {
        assert.equal(await group.getByRole('radio', { checked: true }).count(), 0);
      } else {
        assert.ok(
          await group.getByRole('radio', { name: answer.choice, exact: true }).isChecked(),
          `"${answer.statement}" kept "${answer.choice}"`,
        );
      }
    }

    // Fill in the one left out: the first reading.
    await ana.page
      .locator(`fieldset.question[id="${unanswered.id}"]`)
      .getByRole('radio', { name: 'Quite a bit', exact: true })
      .check();
    const firstStatus = await navigates(ana.page, () => button(ana.page, 'See my reading').click());
    assert.ok(firstStatus < 400, `the completed check-up answered ${firstStatus}`);
    const firstMatch = /^\/checkup\/([^/]+)$/.exec(pathOf(ana.page));
    assert.ok(firstMatch, `the check-up should lead to /checkup/ID, went to ${ana.page.url()}`);
    const firstId = decodeURIComponent(firstMatch[1]);
    await expectH1(ana.page, 'Your reading');
    await ana.page.getByRole('heading', { level: 2, name: 'Sharing', exact: true }).waitFor();
    await button(ana.page, 'Share this result').waitFor({ state: 'visible' });
    assert.equal(await button(ana.page, 'Stop sharing').count(), 0);

    // A second check-up, other answers.
    const second = await takeCheckup(ana, (i) => CHECKUP_SCALE[(i * 3 + 1) % 4]);
    assert.ok(second.status < 400 && second.id, `the second check-up answered ${second.status} at ${ana.page.url()}`);
    assert.notEqual(second.id, firstId);
    await expectH1(ana.page, 'Your reading');

    // Ana shares only the second.
    await setCheckupShared(ana, second.id, true);
    await visit(ana.page, base, `/checkup/${firstId}`);
    await button(ana.page, 'Share this result').waitFor({ state: 'visible' });

    // Ana's own history: both results, a chart and a table; nothing shared with her.
    await visit(ana.page, base, '/checkups');
    await expectH1(ana.page, 'Check-ups over time');
    await ana.page.locator('svg.chart').waitFor({ state: 'visible' });
    const rows = ana.page.locator('table tbody tr');
    assert.equal(await rows.count(), 2, 'Ana sees her two results');
    const rowLinks = await rows.getByRole('link').evaluateAll((as) => as.map((a) => new URL(a.href).pathname));
    assert.deepEqual(rowLinks.sort(), [`/checkup/${firstId}`, `/checkup/${second.id}`].sort());
    assert.equal(await ana.page.getByRole('heading', { name: 'Shared with you', exact: true }).count(), 0);

    // Ben: exactly one reading shared with him, and no table of his own.
    await visit(ben.page, base, '/checkups');
    await expectH1(ben.page, 'Check-ups over time');
    assert.equal(await ben.page.locator('table').count(), 0, "Ben's page shows no table: he has no results, and Ana's are not his");
    const sharedSection = ben.page.locator('section').filter({
      has: ben.page.getByRole('heading', { level: 2, name: 'Shared with you', exact: true }),
    });
    await sharedSection.waitFor({ state: 'visible' });
    const sharedLinks = sharedSection.getByRole('link', { name: /^A reading from / });
    assert.equal(await sharedLinks.count(), 1, 'exactly one reading is shared with Ben');
    assert.equal(await sharedSection.getByRole('link').count(), 1, 'and nothing else is listed');
    assert.equal(new URL(await sharedLinks.first().getAttribute('href'), base).pathname, `/checkup/${second.id}`);
    await navigates(ben.page, () => sharedLinks.first().click());
    await expectH1(ben.page, 'A reading shared with you');
    assert.equal(await button(ben.page, 'Share this result').count(), 0, 'Ben cannot share Ana\'s result');
    assert.equal(await button(ben.page, 'Stop sharing').count(), 0, 'Ben cannot unshare Ana\'s result');
    assert.equal(await ben.page.getByRole('heading', { name: 'Sharing', exact: true }).count(), 0);

    // The first, unshared result does not exist for Ben: the same 404 as an address that never did.
    const unknown = await visit(ben.page, base, '/checkup/no-such-result');
    assert.equal(unknown, 404);
    const unknownText = await mainText(ben.page);
    const hidden = await visit(ben.page, base, `/checkup/${firstId}`);
    assert.equal(hidden, 404, "Ana's unshared result answers 404 for Ben");
    assert.equal(await mainText(ben.page), unknownText, 'an unshared result looks exactly like a missing one');

    // Ana stops sharing: Ben's list has no "Shared with you" any more, and the result is gone for him.
    await setCheckupShared(ana, second.id, false);
    await visit(ben.page, base, '/checkups');
    await expectH1(ben.page, 'Check-ups over time');
    assert.equal(await ben.page.getByRole('heading', { name: 'Shared with you', exact: true }).count(), 0);
    assert.equal(await ben.page.getByRole('link', { name: /^A reading from / }).count(), 0);
    assert.equal(await visit(ben.page, base, `/checkup/${second.id}`), 404, 'an unshared result answers 404 again');
  });

  await Promise.all([ana.context.close(), ben.context.close()]);
});

test('a weekly pulse is seen only by the one who saved it', { timeout: 180_000 }, async (t) => {
  const base = server.url;
  const ana = await newPerson(browser, base, 'Ana', { timeZone: 'Europe/Berlin' });
  const ben = await newPerson(browser, base, 'Ben', { timeZone: 'America/Toronto' });

  await withDiagnostics(t, [ana.page, ben.page], async () => {
    await pairUp(ana, ben);

    await visit(ana.page, base, '/pulse');
    await expectH1(ana.page, 'Weekly pulse');
    assert.equal(await ana.page.getByRole('heading', { name: 'Your weeks so far', exact: true }).count(), 0);
    assert.equal(await ana.page.locator('fieldset.question').count(), 5, 'five statements');

    const choices = ['2', '4', '5', '1', '3'];
    const answers = await savePulse(ana, (i) => choices[i]);
    assert.deepEqual(answers.map((a) => a.choice), choices);

    // Her answers stay selected, and her table has this week with exactly those values.
    for (const answer of answers) {
      const group = ana.page.locator(`fieldset.question[id="${answer.id}"]`);
      assert.ok(await group.getByRole('radio', { name: answer.choice, exact: true }).isChecked(), `"${answer.statement}" kept`);
    }
    const weeks = ana.page.locator('section').filter({
      has: ana.page.getByRole('heading', { level: 2, name: 'Your weeks so far', exact: true }),
    });
    await weeks.waitFor({ state: 'visible' });
    // One row per question, one column per week (the table fits a phone that way).
    assert.equal(await weeks.locator('table thead th').count(), 2, 'one week so far, beside the questions');
    assert.equal(await weeks.locator('table thead th').nth(1).textContent(), 'this week', 'weeks read in words');
    const cells = (await weeks.locator('table tbody tr td:first-of-type').allTextContents()).map((c) => c.trim());
    assert.deepEqual(cells, choices, "the table shows this week's answers in order");

    // Ben sees nothing of it: no section, no table, nothing selected for him.
    await visit(ben.page, base, '/pulse');
    await expectH1(ben.page, 'Weekly pulse');
    assert.equal(await ben.page.getByRole('heading', { name: 'Your weeks so far', exact: true }).count(), 0);
    assert.equal(await ben.page.locator('table, svg.chart').count(), 0, "Ben's pulse page shows no table or chart");
    assert.equal(await ben.page.getByRole('radio', { checked: true }).count(), 0, 'none of Ana\'s answers show for Ben');
    assert.equal(await ben.page.getByRole('status').count(), 0, 'no notice for Ben');
    assert.doesNotMatch(await mainText(ben.page), nameRegExp('Ana'));

    // Ben's own pulse is his alone, and leaves Ana's as it was.
    await savePulse(ben, () => PULSE_SCALE[0]);
    const benCells = (await ben.page.locator('table tbody tr td:first-of-type').allTextContents()).map((c) => c.trim());
    assert.deepEqual(benCells, ['1', '1', '1', '1', '1']);
    await visit(ana.page, base, '/pulse');
    const anaCells = (await ana.page.locator('table tbody tr td:first-of-type').allTextContents()).map((c) => c.trim());
    assert.deepEqual(anaCells, choices, "Ana's table is unchanged by Ben's pulse");
    assert.equal(await ana.page.locator('table thead th').count(), 2, 'still one week of her own');
  });

  await Promise.all([ana.context.close(), ben.context.close()]);
});
