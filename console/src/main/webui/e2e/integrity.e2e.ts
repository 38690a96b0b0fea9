import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, expectAccessible, ingest, launch, newContext, openSignedIn, platformToken, screenshot } from './harness';

// Issue #16: the console verifies seals in the browser. Written against the integrity API (docs/architecture.md,
// "Integrity") and the export-service's manifest contract; needs the whole platform (`.ci/e2e-local-run.sh`).

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${platformToken('audit-admin')}`, 'Content-Type': 'application/json', ...init.headers },
  });
}

/** Waits until `check` answers true (the sealer and the head signer run every few seconds). */
async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
}

describe('integrity in the console', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens a sealed entry and sees it verified in the browser', async () => {
    const id = `e2e-seal-${run}`;
    await ingest([
      {
        id,
        occurredAt: new Date().toISOString(),
        category: 'CONTENT',
        subcategory: 'ITEM',
        action: 'UPDATE',
        actor: { id: 'u-ann', email: 'ann@demo.example', name: 'Ann Lee', type: 'USER' },
        object: { type: 'FILE', id, name: `Budget "2027" ${run}.xlsx`, path: '/Shared/Finance', itemType: 'FILE' },
        context: { ip: '203.0.113.9', country: 'DK', loginType: 'SSO' },
        // What canonical JSON must get right: member order, escapes, non-ASCII, numbers in ECMAScript form.
        details: { z: 1, a: [0.1, 1e21, -0, 100], text: 'Ærø ✓ 😀\ttab', nested: { b: true, a: null } },
      },
    ]);
    // Sealed, and under a signed head (the proof answers 409 until then).
    await eventually('the entry sealed under a signed head', async () => (await call(`/api/v1/events/${encodeURIComponent(id)}/proof`)).status === 200);

    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, `/log/${encodeURIComponent(id)}`);
    const panel = page.getByRole('dialog', { name: 'Event details' });
    await panel.waitFor();
    const integrity = panel.getByRole('region', { name: 'Integrity', exact: true });
    await integrity.getByText('Verified', { exact: true }).waitFor({ timeout: 30_000 });
    await expect(integrity.getByText(/^Verification failed/).count()).resolves.toBe(0);
    await integrity.getByRole('row', { name: /^Key/ }).waitFor();
    await expectAccessible(page, 'verified entry');
    await screenshot(page, 'log-integrity-verified');
    await context.close();
  });

  it('opens "Verify offline" from the navigation: the newest head verified, keys.json to download, commands to copy', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, '/log');
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Verify offline' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verify offline' }).waitFor();
    const head = page.getByRole('region', { name: 'The newest tree head' });
    await head.getByText('Verified', { exact: true }).waitFor({ timeout: 30_000 });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download keys.json' }).click()]);
    expect(download.suggestedFilename()).toBe('keys.json');
    const keys = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(keys.keys.length).toBeGreaterThan(0);
    expect(keys.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519' });

    await page.getByRole('region', { name: '3. Check one entry' }).getByText(/verify-event --keys keys.json/).waitFor();
    await expectAccessible(page, 'verify offline page');
    await screenshot(page, 'integrity-verify-offline');
    await context.close();
  });

  it("shows a completed report's signed manifest as verified", async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 24 * 3600_000);
    const created = await call('/api/v1/exports', {
      method: 'POST',
      body: JSON.stringify({ type: 'audit-log', format: 'ndjson', from: from.toISOString(), to: to.toISOString(), timeZone: 'UTC' }),
    });
    expect(created.status, await created.clone().text()).toBeLessThan(300);
    const report = (await created.json()) as { id: string };
    await eventually(
      'the report completed with a manifest',
      async () => {
        const view = (await (await call(`/api/v1/exports/${report.id}`)).json()) as { status: string; manifest?: unknown };
        if (view.status === 'FAILED') throw new Error(`report ${report.id} failed`);
        return view.status === 'COMPLETED' && Boolean(view.manifest);
      },
      120_000,
    );

    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, `/reports/${report.id}`);
    const detail = page.getByRole('region', { name: 'Report', exact: true });
    await detail.getByText('Verified', { exact: true }).waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), detail.getByRole('button', { name: 'Download manifest' }).click()]);
    expect(download.suggestedFilename()).toMatch(/manifest/);
    await expectAccessible(page, 'verified report');
    await screenshot(page, 'report-integrity-verified');
    await context.close();
  });
});
