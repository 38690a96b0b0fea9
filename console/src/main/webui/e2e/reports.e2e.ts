import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { expectAccessible, ingest, launch, newContext, openSignedIn, screenshot } from './harness';
import { addDays, dateInZone, startOfDay } from '../src/pages/reports/rules';

const HOUR = 3600_000;
const REPORT_ZONE = 'America/New_York';
const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** A small CSV reader (quoted fields with commas, doubled quotes), enough for the report's rows. */
function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

function contentEvent(id: string, occurredAt: number) {
  return {
    id,
    occurredAt: new Date(occurredAt).toISOString(),
    category: 'CONTENT',
    subcategory: 'ITEM',
    action: 'UPDATE',
    actor: { id: 'u-ann', email: 'ann@demo.example', name: 'Ann Lee', type: 'USER' },
    object: { type: 'FILE', id, name: `${id}.pdf`, path: `/Shared/e2e/${id}.pdf`, itemType: 'FILE' },
    details: {},
  };
}

describe('Reports', () => {
  let browser: Browser;
  let reportId = '';
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('requests a content-log report in New York time from a Copenhagen browser and downloads its file', async () => {
    // The period: the three days before today, as New York counts days.
    const now = Date.now();
    const last = addDays(dateInZone(now, REPORT_ZONE), -1);
    const first = addDays(last, -2);
    const from = startOfDay(first, REPORT_ZONE);
    const to = startOfDay(addDays(last, 1), REPORT_ZONE);
    // An hour before the period is already its first day in Copenhagen, and an hour before its end is the next day
    // there: the report must count New York's days.
    const before = `f-ra-${suffix}-before`;
    const early = `f-ra-${suffix}-early`;
    const late = `f-ra-${suffix}-late`;
    await ingest([contentEvent(before, from - HOUR), contentEvent(early, from + HOUR), contentEvent(late, to - HOUR)]);

    const context = await newContext(browser, { timezoneId: 'Europe/Copenhagen' });
    const page = await context.newPage();
    await openSignedIn(page, '/reports');
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page.getByRole('radio', { name: /Content log/ }).check();
    await page.getByLabel('From (first day)').fill(first);
    await page.getByLabel('To (last day)').fill(last);
    const zone = page.getByLabel(/^Time zone/).and(page.locator('input'));
    expect(await zone.inputValue()).toBe('Europe/Copenhagen');
    await zone.click();
    await zone.fill('America/New_Y');
    await page.getByRole('option', { name: REPORT_ZONE, exact: true }).click();
    expect(await zone.inputValue()).toBe(REPORT_ZONE);
    await expectAccessible(page, 'reports form');
    await screenshot(page, 'reports-form');

    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/exports') && r.request().method() === 'POST'),
      page.getByRole('button', { name: 'Request report' }).click(),
    ]);
    expect(response.status()).toBe(202);
    expect(response.request().postDataJSON()).toEqual({ type: 'content-log', format: 'csv', from: first, to: addDays(last, 1), timeZone: REPORT_ZONE });
    const created = (await response.json()) as { id: string; from: string; to: string };
    reportId = created.id;
    expect(Date.parse(created.from)).toBe(from);
    expect(Date.parse(created.to)).toBe(to);

    const row = page.locator(`tr[data-report-id="${reportId}"]`);
    await row.getByText('Ready').waitFor({ timeout: 60_000 });
    await row.getByText(REPORT_ZONE).waitFor();
    await row.getByText('by admin@demo.example').waitFor();
    const download = row.getByRole('button', { name: `Download content-log-${reportId}-1.csv` });
    await download.waitFor();
    // The status cell's badges keep their whole words (the list once showed "VERIFI…" beside "READY").
    await row.getByText('Verified').waitFor({ timeout: 30_000 });
    for (const label of ['Ready', 'Verified']) {
      const cut = await row.getByText(label, { exact: true }).evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(cut, `the ${label} badge is cut short`).toBe(false);
    }
    await expectAccessible(page, 'reports list');
    await screenshot(page, 'reports-list');

    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe(`content-log-${reportId}-1.csv`);
    const text = readFileSync((await file.path())!, 'utf8');
    // CSV with CRLF line ends (RFC 4180), every line.
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = text.split('\r\n').slice(0, -1);
    const header = parseCsvLine(lines[0]);
    expect(header.slice(0, 3)).toEqual(['Action', 'Date', 'User name']);
    const dateColumn = header.indexOf('Date');
    const idColumn = header.indexOf('Item ID');
    const rows = lines.slice(1).map(parseCsvLine);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      const at = Date.parse(r[dateColumn]);
      expect(at, r.join(',')).toBeGreaterThanOrEqual(from);
      expect(at, r.join(',')).toBeLessThan(to);
    }
    const ids = rows.map((r) => r[idColumn]);
    expect(ids).toContain(early);
    expect(ids).toContain(late);
    expect(ids).not.toContain(before);
    await context.close();
  });

  it('opens a report from its link, and says when there is no such report', async () => {
    expect(reportId, 'the report of the test before').not.toBe('');
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, `/reports/${reportId}`);
    const detail = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Report', exact: true }) });
    await detail.getByText('Ready').waitFor();
    await detail.getByText(REPORT_ZONE).waitFor();
    await detail.getByRole('button', { name: `Download content-log-${reportId}-1.csv` }).waitFor();
    await expectAccessible(page, 'report deep link');
    await screenshot(page, 'report-detail');

    await page.getByRole('button', { name: 'Close the report' }).click();
    await page.waitForURL((url) => url.pathname === '/reports');

    // The test's report is deleted again, after a confirmation, so reruns do not pile reports up.
    const row = page.locator(`tr[data-report-id="${reportId}"]`);
    await row.getByRole('button', { name: 'Delete the Content log report' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this report?' });
    await dialog.waitFor();
    await expectAccessible(page, 'delete confirmation');
    await dialog.getByRole('button', { name: 'Delete report' }).click();
    await row.waitFor({ state: 'detached' });
    await context.close();

    // A fresh browser: with a provider session the sign-in round trip can finish before it is watched for.
    const other = await newContext(browser);
    const missing = await other.newPage();
    await openSignedIn(missing, '/reports/00000000-0000-4000-8000-000000000000');
    await missing.getByText('Report not found').waitFor();
    await expectAccessible(missing, 'report not found');
    await screenshot(missing, 'report-not-found');
    await other.close();
  });

  it('shows the Reports screen in Danish', async () => {
    const context = await newContext(browser, { locale: 'da-DK' });
    const page = await context.newPage();
    await openSignedIn(page, '/reports');
    await page.getByRole('heading', { level: 1, name: 'Rapporter' }).waitFor();
    await page.getByRole('heading', { name: 'Bestil en rapport' }).waitFor();
    await page.getByRole('button', { name: 'Bestil rapport' }).waitFor();
    await page.getByRole('heading', { name: 'Kontoens rapporter' }).waitFor();
    await page.getByText(/Rapporter dækker kun de seneste 90 dage/).waitFor();
    await expectAccessible(page, 'reports in Danish');
    await screenshot(page, 'reports-da');
    await context.close();
  });
});
