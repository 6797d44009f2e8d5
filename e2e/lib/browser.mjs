// Debian's chromium driven by playwright-core (no downloaded browsers).

import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { resultsDir } from './server.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A fresh, isolated browser context: one person on one device. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/Berlin',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(Number(process.env.E2E_ACTION_TIMEOUT_MS ?? 10_000));
  context.setDefaultNavigationTimeout(Number(process.env.E2E_NAV_TIMEOUT_MS ?? 15_000));
  return context;
}

/**
 * Runs `fn`; if it throws, saves a screenshot and the HTML of each page to e2e/test-results/
 * (named after the test) before re-throwing, so a failure can be looked at afterwards.
 */
export async function withDiagnostics(t, pages, fn) {
  try {
    return await fn();
  } catch (error) {
    mkdirSync(resultsDir, { recursive: true });
    const base = String(t?.name ?? 'test').replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
    for (const [i, page] of pages.filter(Boolean).entries()) {
      if (page.isClosed()) continue;
      const stem = path.join(resultsDir, `${base}-${i}`);
      await page.screenshot({ path: `${stem}.png`, fullPage: true }).catch(() => {});
      const html = await page.content().catch(() => '');
      await writeFile(`${stem}.html`, `<!-- ${page.url()} -->\n${html}`).catch(() => {});
    }
    error.message += `\n(screenshots and HTML of the pages are in ${resultsDir}/${base}-*)`;
    throw error;
  }
}
