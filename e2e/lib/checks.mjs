// Checks every page must pass: no serious or critical axe violations (every rule in the light
// scheme at the context's viewport and at a phone's 390px width, the colour rules in the dark
// scheme), no request to any host but the Tend server, a quick-exit link, a neutral title, no
// console errors (CSP violations show up there), no broken subresources, exactly one h1.
//
//   const watcher = watchContext(context, server.url);   // once per context, before browsing
//   await checkPage(page, watcher, problems, { name: 'settings', hiddenNames: ['Ben'] });
//   reportProblems(problems);                             // fails with everything found

import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { nameRegExp } from './tend.mjs';

const BLOCKING_IMPACTS = new Set(['serious', 'critical']);
const PHONE = { width: 390, height: 844 };
const MAIN_DOCUMENT_FAILED = 'Failed to load resource: the server responded with a status of';

/** Starts recording requests, console errors and failed responses of every page in `context`. */
export function watchContext(context, base) {
  const origin = new URL(base).origin;
  const watcher = {
    foreignRequests: [],
    consoleErrors: [],
    failedSubresources: [],
    failedDocuments: new Set(),
  };
  context.on('request', (request) => {
    const url = request.url();
    if (/^(data|blob|about|chrome|chrome-extension|devtools):/.test(url)) return;
    let requestOrigin;
    try {
      requestOrigin = new URL(url).origin;
    } catch {
      requestOrigin = url;
    }
    if (requestOrigin !== origin) watcher.foreignRequests.push(`${request.method()} ${url}`);
  });
  context.on('response', (response) => {
    if (response.status() < 400) return;
    const request = response.request();
    // Tend's service worker fetches pages (and, uncached, files) on the page's behalf: the
    // page's own request is recorded with the same answer, so the worker's copy is not counted.
    if (request.serviceWorker()) return;
    if (request.isNavigationRequest()) watcher.failedDocuments.add(response.url());
    else watcher.failedSubresources.push(`${response.status()} ${request.resourceType()} ${response.url()}`);
  });
  context.on('requestfailed', (request) => {
    // Aborted loads (the test moved on to the next page while one was in flight) are not the
    // page's fault; anything else (blocked, refused, reset) is.
    const reason = request.failure()?.errorText ?? 'unknown';
    if (request.isNavigationRequest() || request.serviceWorker() || reason === 'net::ERR_ABORTED') return;
    watcher.failedSubresources.push(`failed (${reason}) ${request.url()}`);
  });
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    watcher.consoleErrors.push({ text: message.text(), url: message.location()?.url ?? '' });
  });
  context.on('weberror', (webError) => {
    watcher.consoleErrors.push({ text: `uncaught: ${webError.error()?.stack ?? webError.error()}`, url: '' });
  });
  return watcher;
}

function drain(watcher) {
  const taken = {
    foreignRequests: watcher.foreignRequests.splice(0),
    failedSubresources: watcher.failedSubresources.splice(0),
    // A 4xx/5xx main document (a 404 page, a form re-shown with errors) logs "Failed to load
    // resource" for itself; that is the server speaking, not a broken page.
    consoleErrors: watcher.consoleErrors
      .splice(0)
      .filter((e) => !(e.text.startsWith(MAIN_DOCUMENT_FAILED) && watcher.failedDocuments.has(e.url))),
  };
  return taken;
}

function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .slice(0, 5)
        .map((n) => `        at ${n.target.join(' ')}\n          ${(n.failureSummary ?? '').replace(/\n/g, '\n          ')}`)
        .join('\n');
      const more = v.nodes.length > 5 ? `\n        … and ${v.nodes.length - 5} more` : '';
      return `      [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${nodes}${more}`;
    })
    .join('\n');
}

/**
 * Waits until CSS transitions and animations have finished (switching the colour scheme starts
 * transitions; axe must see the final colours, not the ones halfway), at most a few seconds.
 */
async function settle(page) {
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const finite = document
      .getAnimations()
      .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity);
    await Promise.race([
      Promise.all(finite.map((animation) => animation.finished.catch(() => {}))),
      new Promise((resolve) => setTimeout(resolve, 3_000)),
    ]);
  });
}

/**
 * The axe rules whose answer depends on colours: the only ones that can differ between the light
 * and the dark scheme of the same page, so the dark scheme runs these alone.
 */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

async function axe(page, rules = null) {
  await settle(page);
  const builder = new AxeBuilder({ page });
  if (rules) builder.withRules(rules);
  const results = await builder.analyze();
  return results.violations.filter((v) => BLOCKING_IMPACTS.has(v.impact ?? ''));
}

/**
 * Checks the page as it is now (requests and console messages: everything since the previous
 * check in this context, so the steps that led here count too); appends human-readable problems to `problems`.
 * @param {{ name: string, hiddenNames?: string[] }} options  hiddenNames: partners' names the
 *   title must not contain.
 */
export async function checkPage(page, watcher, problems, { name, hiddenNames = [] }) {
  await page.waitForLoadState('load');
  const where = `${name} (${new URL(page.url()).pathname})`;
  const found = [];

  // As the page is (desktop), then at a phone's width: tables that scroll sideways, wrapped
  // layouts and the like only show there.
  const viewport = page.viewportSize();
  // Colours do not change with the width, so the dark scheme is checked once, at the desktop's.
  for (const width of [null, PHONE.width]) {
    if (width !== null) await page.setViewportSize(PHONE);
    for (const scheme of width === null ? ['light', 'dark'] : ['light']) {
      await page.emulateMedia({ colorScheme: scheme });
      const violations = await axe(page, scheme === 'dark' ? COLOUR_RULES : null);
      if (violations.length > 0) {
        const at = width === null ? '' : `, ${width}px wide`;
        found.push(`axe, ${scheme} mode${at}, ${violations.length} serious/critical:\n${describeViolations(violations)}`);
      }
    }
  }
  if (viewport) await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme: 'light' });

  const quickExit = page.locator('#quick-exit');
  if ((await quickExit.count()) !== 1) {
    found.push('no quick-exit link (#quick-exit)');
  } else {
    const visible = await page.getByRole('link', { name: 'Quick exit', exact: true }).isVisible();
    const href = (await quickExit.getAttribute('href')) ?? '';
    if (!visible) found.push('the "Quick exit" link is not visible');
    if (!/^https:\/\//.test(href)) found.push(`quick-exit href should leave Tend, is "${href}"`);
  }

  const title = await page.title();
  if (!title.trim()) found.push('empty <title>');
  for (const hidden of hiddenNames) {
    if (nameRegExp(hidden).test(title)) found.push(`title "${title}" names the partner "${hidden}"`);
  }

  const h1s = await page.locator('h1').count();
  if (h1s !== 1) found.push(`expected exactly one h1, found ${h1s}`);

  const seen = drain(watcher);
  for (const request of seen.foreignRequests) found.push(`request to another host: ${request}`);
  for (const failure of seen.failedSubresources) found.push(`broken subresource: ${failure}`);
  for (const error of seen.consoleErrors) found.push(`console error: ${error.text}${error.url ? ` (${error.url})` : ''}`);

  if (found.length > 0) problems.push(`  ${where}:\n${found.map((f) => `    - ${f}`).join('\n')}`);
  return found;
}

/** Fails the test listing every problem on every page. */
export function reportProblems(problems) {
  if (problems.length > 0) {
    assert.fail(`${problems.length} page(s) with problems:\n${problems.join('\n')}`);
  }
}
