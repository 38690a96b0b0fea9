import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, launch, newContext, openSignedIn, screenshot } from './harness';
import { readSettings, writeSettings, type Settings } from './notify-support';

describe('settings', () => {
  let browser: Browser;
  let original: Settings;
  beforeAll(async () => {
    browser = await launch();
    original = await readSettings();
    // Start from the alert off, so turning it on in the screen is what the test proves.
    await writeSettings({ ...original, alerts: { ...original.alerts, adminPermissionRemoved: false } });
  });
  afterAll(async () => {
    await browser?.close();
    if (original) await writeSettings(original);
  });

  it('turns on the admin-permission-removed alert, saves, and finds it on after a reload', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, '/settings');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const alert = page.getByRole('switch', { name: /^Admin permission removed/ });
    await alert.waitFor({ state: 'attached' });
    expect(await alert.isChecked()).toBe(false);
    await expect.poll(() => page.getByTestId('recipient').textContent()).toContain('admin@demo.example');
    await page.getByRole('heading', { name: 'Your plan' }).waitFor();
    await page.getByTestId('plan-explanation').waitFor();
    await expectAccessible(page, 'settings');
    await screenshot(page, 'settings');

    await alert.click();
    expect(await alert.isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Settings saved' }).waitFor();
    await expectAccessible(page, 'settings saved');
    await screenshot(page, 'settings-saved');

    await openSignedIn(page, '/settings');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const reloaded = page.getByRole('switch', { name: /^Admin permission removed/ });
    await reloaded.waitFor({ state: 'attached' });
    expect(await reloaded.isChecked()).toBe(true);
    expect((await readSettings()).alerts.adminPermissionRemoved).toBe(true);
    await context.close();
  });

  it("shows the threshold's bounds beside the field and saves nothing", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, '/settings');
    const threshold = page.getByRole('textbox', { name: 'Exports a day before the alert' });
    await threshold.fill('0');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Enter a whole number from 1 to 100,000.').waitFor();
    expect(await threshold.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'settings with an error');
    await screenshot(page, 'settings-threshold-error');
    expect((await readSettings()).multipleExportsThreshold).toBe(original.multipleExportsThreshold);
    await context.close();
  });
});
