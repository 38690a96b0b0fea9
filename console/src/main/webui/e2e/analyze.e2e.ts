import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, expectAccessible, launch, newContext, openSignedIn, platformToken, screenshot } from './harness';

/** Every event the audit-service lists for a log URL's parameters, counted by paging through the API. */
async function countEvents(search: string): Promise<number> {
  const token = platformToken('audit-admin');
  const params = new URLSearchParams(search);
  params.set('limit', '500');
  let total = 0;
  for (let page = 0; page < 200; page++) {
    const response = await fetch(`${baseUrl}/api/v1/events?${params}`, { headers: { Authorization: `Bearer ${token}` } });
    expect(response.status, await response.clone().text()).toBe(200);
    const body = (await response.json()) as { items: unknown[]; nextCursor: string | null };
    total += body.items.length;
    if (!body.nextCursor) return total;
    params.set('cursor', body.nextCursor);
  }
  throw new Error('more than 200 pages');
}

function section(page: Page, title: string) {
  return page.locator('section').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
}

describe('Analyze', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the tiles and charts of the demo data', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, '/analyze');
    await page.getByRole('heading', { level: 1, name: 'Analyze' }).waitFor();
    for (const measure of ['logins', 'deletions', 'exports', 'reports']) {
      const tile = page.getByTestId(`tile-${measure}`);
      await tile.getByRole('link').waitFor();
      // The demo account has 600 events over 30 days: every tile counts some.
      expect(Number((await tile.getByRole('link').innerText()).replace(/\D/g, ''))).toBeGreaterThan(0);
    }
    for (const title of ['By category', 'By action', 'Login trend: succeeded and failed', 'By object type', 'By actor: the most active']) {
      await section(page, title).locator('.recharts-bar-rectangle').first().waitFor();
    }
    await screenshot(page, 'analyze');
    await expectAccessible(page, 'analyze');

    // The charts' data as tables of links, for the keyboard and screen readers.
    await section(page, 'By category').getByRole('button', { name: 'Show the data as a table' }).click();
    await section(page, 'By category').getByRole('table').waitFor();
    await expectAccessible(page, 'analyze with a data table');
    await context.close();
  });

  it('opens the log from a bar with exactly the events the bar counts', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, '/analyze?days=7');
    const categories = section(page, 'By category');
    await categories.locator('.recharts-bar-rectangle').first().waitFor();
    // Other tests add events while this runs; a bar read and counted in a moment when none arrived is compared.
    let last = '';
    for (let attempt = 0; attempt < 4; attempt++) {
      await categories.getByRole('button', { name: 'Show the data as a table' }).click();
      const firstRow = categories.getByRole('table').locator('tbody tr').first();
      const label = await firstRow.locator('th').innerText();
      const barCount = Number((await firstRow.getByRole('link').innerText()).replace(/\D/g, ''));
      await categories.getByRole('button', { name: 'Hide the table' }).click();

      // The first bar is the first row (both are the totals in the service's order).
      await categories.locator('.recharts-bar-rectangle path').first().click();
      await page.waitForURL((url) => url.pathname === '/log');
      const url = new URL(page.url());
      expect(url.searchParams.get('from')).toBeTruthy();
      expect(url.searchParams.get('to')).toBeTruthy();
      expect(url.searchParams.getAll('category')).toHaveLength(1);
      await screenshot(page, 'analyze-click-through-log');
      const logged = await countEvents(url.search);
      if (logged === barCount) return void (await context.close());
      last = `${label}: bar ${barCount}, log ${logged}`;
      await page.goBack();
      await page.waitForTimeout(3000);
      await page.reload();
      await categories.locator('.recharts-bar-rectangle').first().waitFor();
    }
    throw new Error(`the log never listed the bar's count (${last})`);
  });

  it('opens the log from a point of the login trend, keyboard only', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, '/analyze?days=7');
    const trend = section(page, 'Login trend: succeeded and failed');
    await trend.locator('.recharts-bar-rectangle').first().waitFor();
    await trend.getByRole('button', { name: 'Show the data as a table' }).focus();
    await page.keyboard.press('Enter');
    const link = trend.getByRole('table').getByRole('link', { name: /^Login succeeded/ }).first();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/log');
    const url = new URL(page.url());
    expect(url.searchParams.getAll('category')).toEqual(['LOGIN']);
    expect(url.searchParams.getAll('subcategory')).toEqual(['LOGIN_SUCCEEDED']);
    await context.close();
  });
});
