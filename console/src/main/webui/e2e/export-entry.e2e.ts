import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, expectAccessible, launch, newContext, openSignedIn, platformToken, screenshot } from './harness';
import { addDays, dateInZone } from '../src/pages/reports/rules';

const ZONE = 'Europe/Copenhagen';

interface Job {
  id: string;
  status: string;
  from: string;
  to: string;
}

async function api(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${platformToken('audit-admin')}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function waitForJob(id: string, status: string): Promise<Job> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const job = (await (await api('GET', `/api/v1/exports/${id}`)).json()) as Job;
    if (job.status === status || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * A report's 7 days of keeping passed, as the export-service's own clock sees it: its expiry moved into the past in
 * the local run's database (the service then shows it EXPIRED, as it does before the hourly purge runs).
 */
function expire(jobId: string): void {
  execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'auditlog', '-v', 'ON_ERROR_STOP=1', '-qc',
    `UPDATE export.job SET expires_at = now() - interval '1 minute' WHERE id = '${jobId}'`]);
}

async function openEntry(page: Page, jobId: string) {
  await openSignedIn(page, `/log/export-${jobId}`);
  const panel = page.getByRole('dialog', { name: 'Event details' });
  await panel.waitFor();
  return panel.getByRole('region', { name: 'Report', exact: true });
}

describe("an export's log entry", () => {
  let browser: Browser;
  const created: string[] = [];
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    // The test's reports go again, so reruns do not pile reports up.
    for (const id of created) await api('DELETE', `/api/v1/exports/${id}`);
    await browser?.close();
  });

  it('links to its report: download while kept, "expired" after, regenerate, and "no longer exists" once deleted, with regenerate', async () => {
    const today = dateInZone(Date.now(), ZONE);
    const request = { type: 'audit-log', format: 'csv', from: addDays(today, -2), to: addDays(today, 1), timeZone: ZONE };
    const response = await api('POST', '/api/v1/exports', request);
    expect(response.status, await response.clone().text()).toBe(202);
    const job = (await response.json()) as Job;
    created.push(job.id);
    expect((await waitForJob(job.id, 'COMPLETED')).status).toBe('COMPLETED');

    const context = await newContext(browser, { timezoneId: ZONE });
    const page = await context.newPage();
    let report = await openEntry(page, job.id);
    const download = report.getByRole('button', { name: `Download audit-log-${job.id}-1.csv` });
    await download.waitFor({ timeout: 30_000 });
    await report.getByText(/^Kept until /).waitFor();
    expect(await report.getByRole('link', { name: 'Open the report' }).getAttribute('href')).toBe(`/reports/${job.id}`);
    await expectAccessible(page, 'export entry with its report');
    await screenshot(page, 'log-export-entry');
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe(`audit-log-${job.id}-1.csv`);

    expire(job.id);
    report = await openEntry(page, job.id);
    await report.getByText('Expired: its files have been deleted.').waitFor();
    expect(await report.getByRole('button', { name: /^Download/ }).count()).toBe(0);
    const regenerate = report.getByRole('button', { name: 'Regenerate the Audit log report' });
    await regenerate.waitFor();
    await expectAccessible(page, 'export entry, report expired');
    await screenshot(page, 'log-export-entry-expired');

    const [again] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/exports') && r.request().method() === 'POST'),
      regenerate.click(),
    ]);
    expect(again.status()).toBe(202);
    const renewed = (await again.json()) as Job;
    created.push(renewed.id);
    // The same request again: the period as the service stored it (the 202 wrote nanoseconds, the store keeps micros).
    const body = again.request().postDataJSON() as { from: string; to: string };
    expect(body).toEqual({ type: 'audit-log', format: 'csv', from: body.from, to: body.to, timeZone: ZONE });
    expect(Date.parse(body.from)).toBe(Date.parse(job.from));
    expect(Date.parse(body.to)).toBe(Date.parse(job.to));
    await page.waitForURL(`${baseUrl}/reports/${renewed.id}`);
    const detail = page.locator('section').filter({ has: page.getByRole('heading', { name: 'Report', exact: true }) });
    await detail.getByText('Ready').waitFor({ timeout: 60_000 });

    // Deleted: the entry says the report is gone, and asks for it again from what the entry recorded (its filters
    // included, none here).
    expect((await api('DELETE', `/api/v1/exports/${job.id}`)).status).toBeLessThan(300);
    report = await openEntry(page, job.id);
    await report.getByText('The report no longer exists: it was deleted, or it is not of this account.').waitFor();
    const fromEntry = report.getByRole('button', { name: 'Regenerate the Audit log report' });
    await fromEntry.waitFor();
    await expectAccessible(page, 'export entry, report deleted');
    await screenshot(page, 'log-export-entry-deleted');
    const [rebuilt] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/exports') && r.request().method() === 'POST'),
      fromEntry.click(),
    ]);
    expect(rebuilt.status()).toBe(202);
    created.push(((await rebuilt.json()) as Job).id);
    const rebuiltBody = rebuilt.request().postDataJSON() as { from: string; to: string };
    expect(rebuiltBody).toEqual({ type: 'audit-log', format: 'csv', from: rebuiltBody.from, to: rebuiltBody.to, timeZone: ZONE });
    expect(Date.parse(rebuiltBody.from)).toBe(Date.parse(job.from));
    expect(Date.parse(rebuiltBody.to)).toBe(Date.parse(job.to));
    await context.close();
  });
});
