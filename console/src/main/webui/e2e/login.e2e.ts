import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, expectAccessible, launch, newContext, openSignedIn, screenshot } from './harness';

describe('login and logout', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('logs a super admin in through Keycloak, back to the page asked for, and out at the provider', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, '/settings');
    expect(new URL(page.url()).pathname).toBe('/settings');
    await page.getByRole('button', { name: /Account menu of Demo Admin/ }).waitFor();
    await screenshot(page, 'settings-after-login');

    await page.getByRole('button', { name: /Account menu of/ }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(`${baseUrl}/signed-out`);
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    await expectAccessible(page, 'signed out');
    await screenshot(page, 'signed-out');

    // The session ended at the provider: signing in again asks for the password.
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname.includes('/protocol/openid-connect/auth'));
    await page.locator('#password').waitFor();
    await context.close();
  });

  it('shows a person without the super admin role a page that says so', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, '/log', 'demo-user');
    await page.getByRole('heading', { name: 'Only super admins' }).waitFor();
    await expectAccessible(page, 'not a super admin');
    await screenshot(page, 'not-super-admin');
    await context.close();
  });
});
