// Rituals on two devices. The written micro-checks stay hidden until both have answered (the
// partner's page reads the same before and after the other answers). The weekly check and the
// screen-free timer are shared: what one device does shows on the other's open page within
// moments (the live `together` event reloads it). Their pages pass the same checks as every page.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchBrowser, withDiagnostics } from '../lib/browser.mjs';
import { checkPage, reportProblems, watchContext } from '../lib/checks.mjs';
import { startServer } from '../lib/server.mjs';
import { button, expectH1, link, mainText, navigates, newPerson, pairUp, pathOf, visit } from '../lib/tend.mjs';

let server;
let browser;

before(async () => {
  server = await startServer({ label: 'rituals' });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// The other device follows within ~2 s (the contract); allow a little more, never sleep.
const LIVE_MS = 4000;

const squash = (text) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Waits (bounded) for `locator` to be visible on `page`; fails saying what was expected. */
async function appears(page, locator, what, timeout = LIVE_MS) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    const main = await mainText(page).catch(() => '');
    assert.fail(`${what} did not show on ${page.url()} within ${timeout} ms; main reads: ${main}`);
  }
}

/** Waits for the countdown (`.countdown[data-until]` inside `scope`) to tick as m:ss. */
async function expectTicking(page, scope = page) {
  const countdown = scope.locator('.countdown[data-until]');
  await appears(page, countdown, 'a countdown (.countdown[data-until])');
  try {
    await countdown.filter({ hasText: /^\s*\d+:\d\d\s*$/ }).waitFor({ timeout: LIVE_MS });
  } catch {
    assert.fail(`the countdown on ${page.url()} reads "${squash(await countdown.innerText())}", expected m:ss`);
  }
  assert.match(squash(await countdown.innerText()), /^\d+:\d\d$/);
  return countdown;
}

// ---- Written rituals ---------------------------------------------------------------------------

const ritual = (page, kind) => page.locator(`#ritual-${kind}`);

/** Answers one written ritual from /rituals and comes back to it showing the answer as mine. */
async function answerRitual(page, kind, text) {
  const card = ritual(page, kind);
  const field = card.locator(`#text-${kind}`);
  // Its label is the ritual's prompt: whatever the words, there must be one.
  const prompt = squash(await field.evaluate((el) => Array.from(el.labels ?? [], (l) => l.textContent).join(' ')));
  assert.ok(prompt, `#text-${kind} has no label (its prompt)`);
  await field.fill(text);
  // Each unanswered ritual has its own "Share my answer": press this card's.
  const status = await navigates(page, () => button(card, 'Share my answer').click());
  assert.ok(status !== null && status < 400, `"Share my answer" (${kind}) answered ${status} at ${page.url()}`);
  assert.equal(pathOf(page), '/rituals', `answering should come back to /rituals, got ${page.url()}`);
  await appears(page, ritual(page, kind).locator('.my-answer').filter({ hasText: text }), `my ${kind} answer`, 1000);
}

test("a morning micro-check: each sees the other's answer only after both answered", { timeout: 180_000 }, async (t) => {
  const ana = await newPerson(browser, server.url, 'Ana');
  const ben = await newPerson(browser, server.url, 'Ben');
  const anaWatch = watchContext(ana.context, server.url);
  const benWatch = watchContext(ben.context, server.url);
  const problems = [];
  const anaText = 'Slept badly, hoping for a slow coffee together.';
  const benText = 'Rested and looking forward to our walk tonight.';
  await withDiagnostics(t, [ana.page, ben.page], async () => {
    await pairUp(ana, ben);
    await visit(ana.page, server.url, '/rituals');
    await visit(ben.page, server.url, '/rituals');
    await expectH1(ana.page, "Today's rituals");
    await expectH1(ben.page, "Today's rituals");
    for (const kind of ['morning', 'evening', 'appreciation']) {
      assert.equal(await ritual(ana.page, kind).count(), 1, `one card #ritual-${kind}`);
    }
    await checkPage(ana.page, anaWatch, problems, { name: 'rituals, nothing answered', hiddenNames: ['Ben'] });

    // The morning cards (locators: they find the card again after every reload).
    const anaMorning = ritual(ana.page, 'morning');
    const benMorning = ritual(ben.page, 'morning');

    // Before anyone answers, Ben reads the reveal note; it must read the same once Ana has answered.
    const benNote = benMorning.locator('.reveal-note');
    await appears(ben.page, benNote, "the morning's reveal note", 1000);
    const noteBefore = squash(await benNote.innerText());

    // Ana answers: she sees her own words, Ben sees nothing of them, only the same note.
    await answerRitual(ana.page, 'morning', anaText);
    await appears(ana.page, anaMorning.locator('.reveal-note'), "Ana's reveal note (Ben hasn't answered)", 1000);
    assert.equal(await anaMorning.locator('.partner-answer').count(), 0, 'nothing from Ben yet');
    await checkPage(ana.page, anaWatch, problems, { name: 'rituals, answered, waiting', hiddenNames: ['Ben'] });

    await ben.page.reload();
    await expectH1(ben.page, "Today's rituals");
    const benHtml = await ben.page.content();
    assert.ok(!benHtml.includes(anaText), "Ana's answer is nowhere in Ben's page before he answers");
    assert.equal(await benMorning.locator('.partner-answer').count(), 0, 'no partner answer for Ben yet');
    await appears(ben.page, benNote, "the morning's reveal note after Ana answered", 1000);
    const noteAfter = squash(await benNote.innerText());
    assert.equal(noteAfter, noteBefore, 'the reveal note reads the same whether or not Ana answered');
    await checkPage(ben.page, benWatch, problems, { name: 'rituals, partner answered, not me', hiddenNames: ['Ana'] });

    // Ben answers: now both see both.
    await answerRitual(ben.page, 'morning', benText);
    const anaOnBens = benMorning.locator('.partner-answer').filter({ hasText: anaText });
    await appears(ben.page, anaOnBens, "Ana's answer on Ben's page", 1000);
    assert.equal(await benMorning.locator('.reveal-note').count(), 0, 'no reveal note once both answered');
    await checkPage(ben.page, benWatch, problems, { name: 'rituals, both answered', hiddenNames: ['Ana'] });

    await ana.page.reload();
    await expectH1(ana.page, "Today's rituals");
    const benOnAnas = anaMorning.locator('.partner-answer').filter({ hasText: benText });
    await appears(ana.page, benOnAnas, "Ben's answer on Ana's page", 1000);
    await appears(ana.page, anaMorning.locator('.my-answer').filter({ hasText: anaText }), "Ana's own answer", 1000);

    // The schedule, reached by its link.
    await navigates(ana.page, () => link(ana.page, 'Choose days and times').click());
    assert.equal(pathOf(ana.page), '/rituals/schedule', `"Choose days and times" led to ${ana.page.url()}`);
    for (const kind of ['morning', 'evening', 'appreciation']) {
      assert.equal(await ana.page.locator(`fieldset#schedule-${kind}`).count(), 1, `one fieldset #schedule-${kind}`);
    }
    await appears(ana.page, button(ana.page, 'Save the schedule'), '"Save the schedule"', 1000);
    await checkPage(ana.page, anaWatch, problems, { name: 'ritual schedule', hiddenNames: ['Ben'] });
  });
  reportProblems(problems);
  await Promise.all([ana.context.close(), ben.context.close()]);
});

// ---- Weekly check and screen-free timer --------------------------------------------------------

// "Section N of 6" (the page adds how long the section takes: "Section 1 of 6 · about 5 minutes").
const sectionHint = (page, n) =>
  page.locator('main p.hint').filter({ hasText: new RegExp(`^\\s*Section ${n} of 6(?!\\d)`) });
const sectionTitle = async (page) => squash(await page.locator('main h2').first().innerText());
const note = (page, text) => page.locator('main ul.notes li').filter({ hasText: text });

test('a weekly check on two devices with the live timer', { timeout: 180_000 }, async (t) => {
  const ana = await newPerson(browser, server.url, 'Ana');
  const ben = await newPerson(browser, server.url, 'Ben');
  const anaWatch = watchContext(ana.context, server.url);
  const benWatch = watchContext(ben.context, server.url);
  const problems = [];
  const noteText = 'We want one evening a week without phones.';
  await withDiagnostics(t, [ana.page, ben.page], async () => {
    await pairUp(ana, ben);
    await visit(ben.page, server.url, '/weekly-check');
    await visit(ana.page, server.url, '/weekly-check');
    await appears(ben.page, button(ben.page, 'Start the weekly check'), '"Start the weekly check"', 1000);

    // Ana starts; Ben's open page turns into the same check by itself.
    await navigates(ana.page, () => button(ana.page, 'Start the weekly check').click());
    await expectH1(ana.page, 'Weekly check');
    await appears(ana.page, sectionHint(ana.page, 1), '"Section 1 of 6"', 1000);
    await appears(ben.page, sectionHint(ben.page, 1), '"Section 1 of 6" (following Ana\'s start)');
    await expectH1(ben.page, 'Weekly check');
    const titles = [await sectionTitle(ana.page)];
    assert.ok(titles[0], 'the first section has an h2 title');
    assert.equal(await sectionTitle(ben.page), titles[0], 'both devices show the same section');
    await expectTicking(ben.page);
    await checkPage(ben.page, benWatch, problems, { name: 'weekly check, in progress', hiddenNames: ['Ana'] });

    // Ana adds a note; it shows on Ben's page without him doing anything.
    await ana.page.locator('#note-text').fill(noteText);
    await navigates(ana.page, () => button(ana.page, 'Add note').click());
    await appears(ana.page, note(ana.page, noteText), "Ana's note on her page", 1000);
    await appears(ben.page, note(ben.page, noteText), "Ana's note on Ben's page");

    // Ben moves on; Ana's page follows.
    await navigates(ben.page, () => button(ben.page, 'Next section').click());
    await appears(ben.page, sectionHint(ben.page, 2), '"Section 2 of 6" after Ben\'s "Next section"', 1000);
    await appears(ana.page, sectionHint(ana.page, 2), '"Section 2 of 6" (following Ben\'s move)');
    titles.push(await sectionTitle(ana.page));
    await checkPage(ana.page, anaWatch, problems, { name: 'weekly check, section 2', hiddenNames: ['Ben'] });

    // Ana walks through the rest; "Finish and save" comes only on the last section.
    for (let n = 2; n < 6; n++) {
      assert.equal(await button(ana.page, 'Finish and save').count(), 0, `no "Finish and save" on section ${n}`);
      await navigates(ana.page, () => button(ana.page, 'Next section').click());
      await appears(ana.page, sectionHint(ana.page, n + 1), `"Section ${n + 1} of 6"`, 1000);
      titles.push(await sectionTitle(ana.page));
    }
    await appears(ana.page, button(ana.page, 'Finish and save'), '"Finish and save" on the last section', 1000);
    assert.equal(await button(ana.page, 'Next section').count(), 0, 'no "Next section" on the last section');
    // Finishing opens the saved check's summary, /weekly-check/{id}.
    await navigates(ana.page, () => button(ana.page, 'Finish and save').click());
    assert.match(pathOf(ana.page), /^\/weekly-check\/[^/]+$/, `the saved check: /weekly-check/{id}, not ${ana.page.url()}`);
    const summary = await mainText(ana.page);
    assert.ok(summary.includes(noteText), `the summary keeps the note; main reads: ${summary}`);
    for (const title of titles) assert.ok(summary.includes(title), `the summary shows the section "${title}"`);
    await checkPage(ana.page, anaWatch, problems, { name: 'weekly check, saved summary', hiddenNames: ['Ben'] });

    // Screen-free minutes: Ana starts the timer, Ben's open page offers to join, then both are in.
    await visit(ben.page, server.url, '/rituals');
    await visit(ana.page, server.url, '/rituals');
    const anaTimer = ana.page.locator('#timer');
    const benTimer = ben.page.locator('#timer');
    assert.equal(await anaTimer.locator('#minutes').inputValue(), '20', '20 minutes by default');
    await navigates(ana.page, () => button(anaTimer, 'Start the timer').click());
    await expectTicking(ana.page, anaTimer);
    await appears(ben.page, button(benTimer, 'Join'), '"Join" (following Ana\'s timer)');
    const until = await anaTimer.locator('.countdown').getAttribute('data-until');
    const benUntil = await benTimer.locator('.countdown').getAttribute('data-until');
    assert.equal(benUntil, until, 'one timer, the same end on both devices');
    await navigates(ben.page, () => button(benTimer, 'Join').click());
    await appears(ben.page, benTimer.getByText("You're both in."), `"You're both in." after joining`, 1000);
    await appears(ana.page, anaTimer.getByText("You're both in."), `"You're both in." (following Ben's join)`);
    await expectTicking(ana.page, anaTimer);
    await checkPage(ana.page, anaWatch, problems, { name: 'rituals, screen-free timer together', hiddenNames: ['Ben'] });
  });
  reportProblems(problems);
  await Promise.all([ana.context.close(), ben.context.close()]);
});
