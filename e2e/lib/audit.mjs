// The setting for the accessibility tours: a logged-out visitor and two people (Ana in Berlin,
// Ben in Toronto), each with their own context watched for foreign requests and console errors,
// and `check(who, name)` that runs every page check (lib/checks.mjs) and collects the problems.
// The tour is split over several test files so that each part has its own time limit on a busy
// machine; the problems of one part are reported together at its end.

import { newContext } from './browser.mjs';
import { checkPage, reportProblems, watchContext } from './checks.mjs';
import { newPerson, pathOf, pressStepButton } from './tend.mjs';

/**
 * @returns {Promise<{anon: import('playwright-core').Page, ana: object, ben: object,
 *   check: (who: 'anon'|object, name: string, hiddenNames?: string[]) => Promise<string[]>,
 *   pressStep: (person: object, action: string, title: string) => Promise<void>,
 *   pages: import('playwright-core').Page[], finish: () => Promise<void>}>}
 */
export async function startAudit(browser, base) {
  const problems = [];
  const visitor = await newContext(browser);
  const visitorWatch = watchContext(visitor, base);
  const anon = await visitor.newPage();

  const ana = await newPerson(browser, base, 'Ana', { timeZone: 'Europe/Berlin' });
  const anaWatch = watchContext(ana.context, base);
  const ben = await newPerson(browser, base, 'Ben', { timeZone: 'America/Toronto' });
  const benWatch = watchContext(ben.context, base);

  const check = (person, name, hiddenNames = []) => {
    const [page, watcher] =
      person === 'anon' ? [anon, visitorWatch] : person === ana ? [ana.page, anaWatch] : [ben.page, benWatch];
    return checkPage(page, watcher, problems, { name, hiddenNames });
  };

  // Pressing a plan step's button: a wrong accessible name is a problem to report with the rest,
  // not a reason to stop checking the pages after it.
  const pressStep = (person, action, title) =>
    pressStepButton(person.page, action, title, (message) =>
      problems.push(`  step button on ${pathOf(person.page)}:\n    - ${message.replace(/\n/g, '\n      ')}`),
    );

  const finish = async () => {
    reportProblems(problems);
    await Promise.all([visitor.close(), ana.context.close(), ben.context.close()]);
  };

  return { anon, ana, ben, check, pressStep, pages: [anon, ana.page, ben.page], finish };
}
