import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, expectAccessible, launch, newContext, openSignedIn, platformToken, screenshot } from './harness';
import { ingestAdminPermissionRemoved, readSettings, suffix, waitForNotification, writeSettings } from './notify-support';

/** The words each language shows on the notifications and settings screens. */
const words = {
  en: { notifications: 'Notifications', settings: 'Settings', alerts: 'Alerts and emails', plan: 'Your plan' },
  da: { notifications: 'Notifikationer', settings: 'Indstillinger', alerts: 'Advarsler og e-mails', plan: 'Dit abonnement' },
  nb: { notifications: 'Varsler', settings: 'Innstillinger', alerts: 'Alarmer og e-post', plan: 'Abonnementet ditt' },
} as const;
type Language = keyof typeof words;

async function chooseLanguage(page: Page, language: Language) {
  await page.getByRole('banner').locator('select').selectOption(language);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
}

async function expectSettingsIn(page: Page, language: Language) {
  await page.getByRole('heading', { level: 1, name: words[language].settings }).waitFor();
  await page.getByRole('heading', { level: 2, name: words[language].alerts }).waitFor();
  await page.getByRole('heading', { level: 2, name: words[language].plan }).waitFor();
}

/**
 * The newest notification's time as shown: the date and time of its moment in the browser's zone, in the locale's
 * format (day before month, no AM/PM in Danish and Norwegian), ending with the zone's name.
 */
async function expectTimeIn(page: Page, locale: string, timeZone: string) {
  const time = page.locator('[data-testid=notification] time').first();
  await time.waitFor();
  const iso = (await time.getAttribute('datetime'))!;
  const text = (await time.textContent())!;
  const moment = new Date(iso);
  const part = (options: Intl.DateTimeFormatOptions, type: Intl.DateTimeFormatPartTypes) =>
    new Intl.DateTimeFormat(locale, { timeZone, ...options }).formatToParts(moment).find((p) => p.type === type)!.value;
  const hour = part({ hour: '2-digit', hourCycle: 'h23' }, 'hour').padStart(2, '0');
  const minute = part({ minute: '2-digit' }, 'minute').padStart(2, '0');
  const day = part({ day: 'numeric' }, 'day');
  const zone = part({ timeZoneName: 'short' }, 'timeZoneName');
  expect(text, 'the zone is named').toMatch(new RegExp(`${zone.replace(/[+]/g, '\\+')}$`));
  expect(text, 'the hour in the browser zone').toMatch(new RegExp(`\\b${hour}[.:]${minute}[.:]\\d{2}\\b`));
  if (locale.startsWith('da') || locale.startsWith('nb')) {
    expect(text, 'day first, as Danish and Norwegian write it').toMatch(new RegExp(`^${day}\\. \\p{L}+\\.? \\d{4}`, 'u'));
    expect(text).not.toMatch(/AM|PM/);
  }
}

describe('languages', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
    // A notification to show a time on screen: made here when demo-admin has none (a fresh platform).
    const response = await fetch(`${baseUrl}/api/v1/notifications?limit=1`, { headers: { Authorization: `Bearer ${platformToken('audit-admin')}` } });
    const { items } = (await response.json()) as { items: unknown[] };
    if (items.length === 0) {
      const original = await readSettings();
      await writeSettings({ ...original, alerts: { ...original.alerts, adminPermissionRemoved: true } });
      const id = `ns-lang-${suffix()}`;
      try {
        await ingestAdminPermissionRemoved(id, `Probe ${id}`);
        await waitForNotification(id);
      } finally {
        await writeSettings(original);
      }
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('switches to Danish and to Norwegian, and the choice survives a reload', async () => {
    const context = await newContext(browser, { locale: 'en-GB', timezoneId: 'Europe/Copenhagen' });
    const page = await context.newPage();
    await openSignedIn(page, '/settings');
    await expectSettingsIn(page, 'en');

    await chooseLanguage(page, 'da');
    await expectSettingsIn(page, 'da');
    await expectAccessible(page, 'settings in Danish');
    await screenshot(page, 'settings-da');
    await openSignedIn(page, '/settings');
    await expectSettingsIn(page, 'da');

    await page.getByRole('navigation').getByRole('link', { name: words.da.notifications }).click();
    await page.getByRole('heading', { level: 1, name: words.da.notifications }).waitFor();
    // The newest notification may be an alert or a ready report (other tests make both): either link, in Danish.
    await page.getByRole('link', { name: /^(Åbn logposten|Åbn rapporten)$/ }).first().waitFor();
    await expectTimeIn(page, 'da', 'Europe/Copenhagen');
    await expectAccessible(page, 'notifications in Danish');
    await screenshot(page, 'notifications-da');

    await chooseLanguage(page, 'nb');
    await page.getByRole('heading', { level: 1, name: words.nb.notifications }).waitFor();
    await expectTimeIn(page, 'nb', 'Europe/Copenhagen');
    await expectAccessible(page, 'notifications in Norwegian');
    await screenshot(page, 'notifications-nb');
    await openSignedIn(page, '/settings');
    await expectSettingsIn(page, 'nb');
    await expectAccessible(page, 'settings in Norwegian');
    await screenshot(page, 'settings-nb');

    await chooseLanguage(page, 'en');
    await expectSettingsIn(page, 'en');
    await screenshot(page, 'settings-en');
    await context.close();
  });

  it('gives a Danish browser Danish by itself, times in Danish format and its zone', async () => {
    const context = await newContext(browser, { locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
    const page = await context.newPage();
    await openSignedIn(page, '/notifications');
    await page.getByRole('heading', { level: 1, name: words.da.notifications }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('da');
    await expectTimeIn(page, 'da', 'Europe/Copenhagen');
    await screenshot(page, 'notifications-da-browser');
    await context.close();
  });

  it('gives a Norwegian browser Norwegian Bokmål by itself, times in Norwegian format and its zone', async () => {
    // Another zone than the server's and the other tests': the times follow the browser.
    const context = await newContext(browser, { locale: 'nb-NO', timezoneId: 'America/New_York' });
    const page = await context.newPage();
    await openSignedIn(page, '/notifications');
    await page.getByRole('heading', { level: 1, name: words.nb.notifications }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nb');
    await expectTimeIn(page, 'nb', 'America/New_York');
    await openSignedIn(page, '/settings');
    await expectSettingsIn(page, 'nb');
    await screenshot(page, 'settings-nb-browser');
    await context.close();
  });
});
