import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, expectAccessible, ingest, launch, newContext, openSignedIn, platformToken, screenshot } from './harness';

// Test data of this run only: a team no one else has, so reruns and other tests do not collide.
const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const team = `e2e-views-${suffix}`;
const viewName = `E2E view ${suffix}`;

const rows = (page: Page) => page.locator('[role=row][data-event-id]');

async function rowIds(page: Page): Promise<string[]> {
  return rows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-event-id') ?? ''));
}

/** The demo admin's views as the audit-service answers them. */
async function apiViews(): Promise<{ id: string; name: string; shared: boolean; lastUsedAt: string | null }[]> {
  const response = await fetch(`${baseUrl}/api/v1/views`, { headers: { Authorization: `Bearer ${platformToken('audit-admin')}` } });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: { id: string; name: string; shared: boolean; lastUsedAt: string | null }[] }).items;
}

describe('saved views', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
    const now = Date.now();
    await ingest(
      [0, 1, 2].map((i) => ({
        id: `e2e-views-${suffix}-${i}`,
        occurredAt: new Date(now - (i + 1) * 60_000).toISOString(),
        category: 'LOGIN',
        subcategory: i === 1 ? 'LOGIN_FAILED' : 'LOGIN_SUCCEEDED',
        action: 'LOGIN',
        actor: { id: `views-${suffix}`, email: `views-${suffix}@e2e.example`, name: `Views ${suffix}`, type: 'USER', teams: [team] },
        context: { ip: '203.0.113.40', country: 'NO', region: 'Oslo', loginType: 'PASSWORD' },
      })),
    );
  });
  afterAll(async () => {
    await browser?.close();
    // A failed run leaves no view of its own behind in the demo admin's tabs.
    const token = platformToken('audit-admin');
    for (const view of (await apiViews()).filter((v) => v.name === viewName)) {
      await fetch(`${baseUrl}/api/v1/views/${view.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
    }
  });

  it('saves a view from filters, opens its deep link, keeps unsaved changes in the URL, shares it and deletes it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, `/log?team=${encodeURIComponent(team)}`);
    await rows(page).first().waitFor();
    expect(await rowIds(page)).toEqual([0, 1, 2].map((i) => `e2e-views-${suffix}-${i}`));

    // Save as: a new private view of these filters, then the URL names it alone.
    await page.getByRole('button', { name: 'Save as…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save as a new view' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill(viewName);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL((url) => /^[0-9a-f-]{36}$/.test(url.searchParams.get('view') ?? '') && url.searchParams.size === 1);
    const viewId = new URL(page.url()).searchParams.get('view')!;
    await page.getByRole('tab', { name: viewName, selected: true }).waitFor();

    // The deep link in a fresh page: the same rows, no unsaved changes, and the view marked used.
    await page.goto(`${baseUrl}/log?view=${viewId}`);
    await page.getByRole('tab', { name: viewName, selected: true }).waitFor();
    await rows(page).first().waitFor();
    expect(await rowIds(page)).toEqual([0, 1, 2].map((i) => `e2e-views-${suffix}-${i}`));
    expect(await page.getByText('Unsaved changes').count()).toBe(0);
    await screenshot(page, 'views-log');
    await expectAccessible(page, 'the log with a saved view');
    expect((await apiViews()).find((v) => v.id === viewId)?.lastUsedAt).not.toBeNull();

    // An unsaved change: the URL carries it, a reload keeps it, the rows follow it.
    await page.getByRole('combobox', { name: 'Order' }).selectOption('oldest');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'oldest' && url.searchParams.get('view') === viewId);
    await page.getByText('Unsaved changes').waitFor();
    await page.reload();
    await page.getByText('Unsaved changes').waitFor();
    await rows(page).first().waitFor();
    await page.waitForFunction(
      (first) => document.querySelector('[role=row][data-event-id]')?.getAttribute('data-event-id') === first,
      `e2e-views-${suffix}-2`,
    );
    expect(await rowIds(page)).toEqual([2, 1, 0].map((i) => `e2e-views-${suffix}-${i}`));
    await screenshot(page, 'views-unsaved');
    await expectAccessible(page, 'a saved view with unsaved changes');

    // Save: the view now sorts oldest first, and the URL is the view's alone again.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.size === 1 && url.searchParams.get('view') === viewId);
    await page.getByRole('combobox', { name: 'Order' }).and(page.locator('select')).waitFor();
    // The saved view is fetched again after the save: its order shows once that answer is in.
    await expect.poll(() => page.getByRole('combobox', { name: 'Order' }).inputValue(), { timeout: 10_000 }).toBe('oldest');

    // Share it with the account's other admins (the realm has one demo admin: the API test checks another's view).
    // The switch shows what the service stored: it turns on once the change is saved and the list read again.
    const share = page.getByRole('switch', { name: "Shared with the account's admins" });
    await share.focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await apiViews()).find((v) => v.id === viewId)?.shared).toBe(true);
    await expect.poll(() => share.isChecked()).toBe(true);

    // Manage views: listed with its sharing and last use; deleted after confirming.
    await page.getByRole('link', { name: 'Manage views' }).click();
    await page.getByRole('heading', { name: 'Views', level: 1 }).waitFor();
    const row = page.locator(`tr[data-view-id="${viewId}"]`);
    await row.waitFor();
    expect(await row.getByRole('switch').isChecked()).toBe(true);
    await screenshot(page, 'views');
    await expectAccessible(page, 'manage views');
    await row.getByRole('button', { name: `Delete: ${viewName}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete view?' });
    await expectAccessible(page, 'the delete confirmation');
    await confirm.getByRole('button', { name: 'Delete view' }).click();
    await row.waitFor({ state: 'detached' });
    expect((await apiViews()).some((v) => v.id === viewId)).toBe(false);
    await context.close();
  });
});
