import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, expectAccessible, ingest, launch, newContext, openSignedIn, screenshot } from './harness';

const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe('staff access', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
    // Two vendor staff members of this run, in two departments, newest first.
    const now = Date.now();
    await ingest(
      (['SALES', 'ENGINEERING'] as const).map((department, i) => ({
        id: `e2e-staff-${suffix}-${i}`,
        occurredAt: new Date(now - (i + 1) * 1000).toISOString(),
        category: 'LOGIN',
        subcategory: 'LOGIN_SUCCEEDED',
        action: 'LOGIN',
        actor: { id: `staff-${suffix}-${i}`, email: `staff-${i}-${suffix}@vendor.example`, name: `Staff ${department} ${suffix}`, type: 'STAFF', department },
        context: { ip: '192.0.2.10', country: 'US', loginType: 'SSO' },
      })),
    );
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows STAFF events with their departments, filters by department, and opens the details', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, '/staff');
    await page.getByRole('heading', { name: 'Staff access', level: 1 }).waitFor();
    await page.getByRole('columnheader', { name: 'Department' }).waitFor();
    const rows = page.locator('[role=row][data-event-id]');
    await rows.first().waitFor();
    // Every row is a staff member's (the type under the name), and ours are there with their departments.
    const texts = await rows.allTextContents();
    expect(texts.every((t) => t.includes('Staff'))).toBe(true);
    const sales = page.locator(`[data-event-id="e2e-staff-${suffix}-0"]`);
    await expect(sales.textContent()).resolves.toContain('Sales');
    await expect(page.locator(`[data-event-id="e2e-staff-${suffix}-1"]`).textContent()).resolves.toContain('Engineering');
    await screenshot(page, 'staff');
    await expectAccessible(page, 'staff access');

    await page.getByRole('combobox', { name: 'Department' }).click();
    await page.getByRole('option', { name: 'Engineering' }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => url.searchParams.get('department') === 'ENGINEERING');
    await page.locator(`[data-event-id="e2e-staff-${suffix}-0"]`).waitFor({ state: 'detached' });
    const filtered = await rows.allTextContents();
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.every((t) => t.includes('Engineering'))).toBe(true);

    await page.locator(`[data-event-id="e2e-staff-${suffix}-1"]`).click();
    await page.waitForURL(`${baseUrl}/staff/e2e-staff-${suffix}-1?department=ENGINEERING`);
    const panel = page.getByRole('dialog', { name: 'Event details' });
    await panel.getByText(`staff-1-${suffix}@vendor.example`).waitFor();
    await expect(panel.textContent()).resolves.toContain('Engineering');
    await screenshot(page, 'staff-details');
    await expectAccessible(page, 'staff details');
    await context.close();
  });

  it('opens a staff event from a deep link', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, `/staff/e2e-staff-${suffix}-0`);
    const panel = page.getByRole('dialog', { name: 'Event details' });
    await panel.getByText(`staff-0-${suffix}@vendor.example`).waitFor();
    await expect(panel.textContent()).resolves.toContain('Sales');
    await context.close();
  });
});
