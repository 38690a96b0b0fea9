import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, expectAccessible, ingest, launch, newContext, openSignedIn, platformToken, screenshot } from './harness';

// Written against the restore contract (docs/architecture.md, "Restore"; the console brief of issue #15) before the
// restore backend and the demo producer had landed: it passes once both run in `./platform run`.

const DAY = 24 * 3600_000;
const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

interface Entry {
  id: string;
  occurredAt: string;
  object: { type: string | null; id: string | null; name: string | null };
}

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${platformToken('audit-admin')}` } });
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return response.json() as Promise<T>;
}

/** The newest deletion of the demo data that can be restored now (none pending, within 90 days, a producer that restores). */
async function restorableDeletion(): Promise<Entry> {
  const from = new Date(Date.now() - 80 * DAY).toISOString();
  const page = await get<{ items: Entry[] }>(`/api/v1/events?action=DELETE&from=${encodeURIComponent(from)}&limit=50`);
  for (const entry of page.items) {
    if (entry.id.includes('e2e-old')) continue;
    const status = await get<{ eligible: boolean }>(`/api/v1/events/${encodeURIComponent(entry.id)}/restore`);
    if (status.eligible) return entry;
  }
  throw new Error('the demo data has no DELETE entry of the last 80 days that can be restored (is the demo producer running?)');
}

async function openEntry(page: Page, id: string) {
  await openSignedIn(page, `/log/${encodeURIComponent(id)}`);
  const panel = page.getByRole('dialog', { name: 'Event details' });
  await panel.waitFor();
  return { panel, restore: panel.getByRole('region', { name: 'Restore', exact: true }) };
}

describe('restore from the log', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('restores a recent deletion of the demo data: pending, then succeeded, the outcome entry linked', async () => {
    const deletion = await restorableDeletion();
    const name = deletion.object.name || deletion.object.id!;
    const context = await newContext(browser);
    const page = await context.newPage();
    const { panel, restore } = await openEntry(page, deletion.id);
    await restore.getByText(/^Can be restored until /).waitFor();
    const button = restore.getByRole('button', { name: `Restore ${name}` });
    await button.waitFor();
    await expectAccessible(page, 'deletion that can be restored');
    await screenshot(page, 'log-restore-eligible');

    await button.click();
    const dialog = page.getByRole('dialog', { name: `Restore ${name}?` });
    await dialog.waitFor();
    await expectAccessible(page, 'restore confirmation');
    await screenshot(page, 'log-restore-confirm');
    const [posted] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/v1/events/${encodeURIComponent(deletion.id)}/restore`) && r.request().method() === 'POST'),
      dialog.getByRole('button', { name: 'Restore', exact: true }).click(),
    ]);
    expect(posted.status(), await posted.text()).toBe(202);
    const record = (await posted.json()) as { id: string; state: string };
    expect(record.state).toBe('PENDING');
    await dialog.waitFor({ state: 'detached' });

    // The new restore shows pending at once (the service's answer), then the demo producer's answer by polling.
    const item = restore.locator(`li[data-restore-id="${record.id}"]`);
    await item.waitFor();
    // The demo producer may answer before the first poll: pending is seen in the POST's answer, and here when in time.
    expect(['PENDING', 'SUCCEEDED']).toContain(await item.getAttribute('data-state'));
    await screenshot(page, 'log-restore-pending');
    await page.locator(`li[data-restore-id="${record.id}"][data-state="SUCCEEDED"]`).waitFor({ timeout: 60_000 });
    await item.getByText(/^Restored at /).waitFor();
    await expectAccessible(page, 'restore succeeded');
    await screenshot(page, 'log-restore-succeeded');

    // The outcome is a log entry of its own (AUDIT_LOG, RESTORE_SUCCEEDED) that links back to the deletion.
    await item.getByRole('link', { name: 'The outcome in the log' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/log/') && !url.pathname.endsWith(encodeURIComponent(deletion.id)));
    await panel.getByText('Restore succeeded').first().waitFor();
    const back = panel.getByRole('link', { name: 'Open the deletion' });
    expect(await back.getAttribute('href')).toBe(`/log/${encodeURIComponent(deletion.id)}`);
    await expectAccessible(page, 'restore outcome entry');
    await screenshot(page, 'log-restore-outcome');
    await context.close();
  });

  it('says why a deletion older than 90 days cannot be restored', async () => {
    const id = `e2e-old-delete-${suffix}`;
    await ingest([
      {
        id,
        occurredAt: new Date(Date.now() - 100 * DAY).toISOString(),
        category: 'CRM_OBJECT',
        subcategory: 'COMPANY',
        action: 'DELETE',
        actor: { id: 'u-ann', email: 'ann@demo.example', name: 'Ann Lee', type: 'USER' },
        object: { type: 'COMPANY', id: `company-${suffix}`, name: `Old company ${suffix}` },
        details: { before: { name: `Old company ${suffix}` }, after: {} },
      },
    ]);
    const context = await newContext(browser);
    const page = await context.newPage();
    const { restore } = await openEntry(page, id);
    await restore.getByText('Deletions can be restored for 90 days; this one is older.').waitFor();
    expect(await restore.getByRole('button', { name: /^Restore/ }).count()).toBe(0);
    await expectAccessible(page, 'deletion too old to restore');
    await screenshot(page, 'log-restore-too-old');
    await context.close();
  });
});
