import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The repository root: e2e/ is console/src/main/webui/e2e. */
export const repositoryRoot = path.resolve(here, '../../../../..');
export const baseUrl = (process.env.E2E_BASE_URL ?? 'http://localhost:8080').replace(/\/$/, '');
export const screenshotDir = path.resolve(here, '../../../../target/screenshots');

/** Debian's Chromium (.ci/run installs it when missing); CHROMIUM_PATH names another. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
}

/** A fresh browser profile in a language and time zone, as a person's browser would be. */
export async function newContext(
  browser: Browser,
  { locale = 'en-GB', timezoneId = 'Europe/Copenhagen' }: { locale?: string; timezoneId?: string } = {},
): Promise<BrowserContext> {
  // Reduced motion, as a person can ask their system for it: no transition is caught half-way by a screenshot or
  // by axe (a dialog fading in has blended, unreadable colours for a moment).
  return browser.newContext({ locale, timezoneId, viewport: { width: 1440, height: 900 }, acceptDownloads: true, reducedMotion: 'reduce' });
}

/**
 * Opens a console page signed in. Tokens live in the page's memory only, so every page load passes through the
 * provider: a browser with a provider session comes straight back (too fast to see its URL), a fresh one fills in
 * Keycloak's login form. Either way the page ends with the console's `#main` (a screen, or the not-an-admin page).
 */
export async function openSignedIn(page: Page, pathAndQuery: string, username = 'demo-admin', password = username): Promise<void> {
  await page.goto(baseUrl + pathAndQuery);
  const form = page.locator('#username');
  const signedIn = page.locator('#main');
  await form.or(signedIn).first().waitFor({ timeout: 30_000 });
  if (await form.isVisible()) {
    await form.fill(username);
    await page.fill('#password', password);
    await page.click('#kc-login');
    await signedIn.waitFor({ timeout: 30_000 });
  }
}

/** Saves a screenshot of the whole page as console/target/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page (WCAG 2.1 A and AA rules); any violation fails the test, listed by rule and node. */
export async function expectAccessible(page: Page, context = 'page'): Promise<void> {
  // Evaluated through the browser's debugging protocol: the console's CSP rightly refuses an inline script tag.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // @ts-expect-error axe is the script just added to the page
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    type Node = { target: string[]; failureSummary?: string };
    return (result.violations as { id: string; help: string; nodes: Node[] }[]).map(
      (v) => `${v.id}: ${v.help} at ${v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} (${n.failureSummary ?? ''})`).join(' | ')}`,
    );
  });
  expect(violations, `axe violations on ${context}`).toEqual([]);
}

/** A fresh token from the local run's Keycloak (`./platform token ROLE [ACCOUNT]`), e.g. to ingest test events. */
export function platformToken(role: string, account?: string): string {
  const args = ['token', role, ...(account ? [account] : [])];
  // The token is the last line: a checkout whose launcher is not built yet prints its build first.
  const output = execFileSync(path.join(repositoryRoot, 'platform'), args, { encoding: 'utf8' }).trim().split('\n');
  return output[output.length - 1].trim();
}

/** Sends events to the audit-service through the console's origin, as a producer would with its ingest token. */
export async function ingest(events: unknown[], account = 'demo'): Promise<void> {
  const token = platformToken('audit-ingest', account);
  for (let i = 0; i < events.length; i += 1000) {
    const response = await fetch(`${baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ events: events.slice(i, i + 1000) }),
    });
    expect(response.status, await response.clone().text()).toBeLessThan(300);
  }
}
