import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible, launch, newContext, openSignedIn, screenshot } from './harness';
import {
  ingestAdminPermissionRemoved,
  readSettings,
  suffix,
  waitForMail,
  waitForNotification,
  writeSettings,
  type Notification,
  type Settings,
} from './notify-support';

const unreadOnBell = async (page: Page) => Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));

describe('the bell after an alert', () => {
  let browser: Browser;
  let original: Settings;
  const run = suffix();
  const eventId = `ns-e2e-${run}`;
  const userName = `Probe ${run}`;
  let notification: Notification;

  beforeAll(async () => {
    browser = await launch();
    original = await readSettings();
    // The settings test proves the switch in the screen; here the alert only has to be on.
    await writeSettings({ ...original, alerts: { ...original.alerts, adminPermissionRemoved: true } });
  });
  afterAll(async () => {
    await browser?.close();
    if (original) await writeSettings(original);
  });

  it('counts the alert on the bell, lists it, leads to its log entry and marks it read', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, '/log');
    await page.getByTestId('notification-bell').waitFor();
    // The bell has asked once the frame is there; other tests may add notifications, so it is compared, not fixed.
    await page.waitForLoadState('networkidle');
    const before = await unreadOnBell(page);

    // The notification-service follows the audit feed (LISTEN/NOTIFY, a 2 s poll as the fallback) and alerts on an
    // event of USER_MANAGEMENT / ADMIN_PERMISSION_REMOVED younger than 2 days: well within the bell's 30 s refresh.
    await ingestAdminPermissionRemoved(eventId, userName);
    notification = await waitForNotification(eventId);
    await expect.poll(() => unreadOnBell(page), { timeout: 45_000, interval: 1000 }).toBeGreaterThan(before);
    await screenshot(page, 'bell-after-alert');

    await page.getByTestId('notification-bell').click();
    await page.waitForURL((url) => url.pathname === '/notifications');
    const item = page.getByTestId('notification').filter({ hasText: userName });
    await item.waitFor();
    expect(await item.getAttribute('data-read')).toBe('false');
    await item.getByRole('heading', { name: 'Admin permission removed' }).waitFor();
    expect(await item.locator('time').textContent()).toMatch(/\d{4}.*\d{2}:\d{2}:\d{2}\s\S+/);
    await expectAccessible(page, 'notifications');
    await screenshot(page, 'notifications');
    const unreadBeforeOpening = await unreadOnBell(page);

    await item.getByRole('link', { name: 'Open the log entry' }).click();
    await page.waitForURL((url) => url.pathname === `/log/${encodeURIComponent(eventId)}`);
    await screenshot(page, 'log-entry-from-alert');
    await expect.poll(() => unreadOnBell(page), { timeout: 15_000 }).toBe(unreadBeforeOpening - 1);

    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/notifications');
    const opened = page.getByTestId('notification').filter({ hasText: userName });
    await expect.poll(() => opened.getAttribute('data-read')).toBe('true');
    await opened.getByText('Read', { exact: true }).waitFor();
    await screenshot(page, 'notifications-after-reading');
    await context.close();
  });

  it('mails the alert with links to the console: the log entry and the settings', async () => {
    expect(notification, 'the first test made the notification').toBeDefined();
    const mail = await waitForMail('admin@demo.example', notification.id);
    expect(mail.subject).toContain(userName);
    const entry = mail.links.find((l) => decodeURIComponent(l.pathname).endsWith(`/${eventId}`));
    const settings = mail.links.find((l) => /\/settings$|\/notification-settings$/.test(l.pathname));
    expect(entry, `a link to the log entry in ${mail.links.join(' ')}`).toBeDefined();
    expect(settings, `a link to the settings in ${mail.links.join(' ')}`).toBeDefined();

    expect(entry!.pathname).toBe(`/log/${encodeURIComponent(eventId)}`);
    expect(settings!.pathname).toBe('/settings');
    expect(entry!.origin).toBe(settings!.origin);

    // The mail's links open those console pages from a browser (the unsubscribe link included).
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, settings!.pathname);
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await openSignedIn(page, entry!.pathname);
    await context.close();
  });
});
