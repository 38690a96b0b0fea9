import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, expectAccessible, ingest, launch, newContext, openSignedIn, platformToken, screenshot } from './harness';
import { readSettings, suffix, waitForMail, waitForNotification, writeSettings, type Settings } from './notify-support';

const unreadOnBell = async (page: Page) => Number(await page.getByTestId('notification-bell').getAttribute('data-unread'));

/** demo-admin's comments on the entry, as the audit-service answers them. */
async function threadsOf(eventId: string): Promise<{ items: { id: string; text: string | null; replies: { id: string }[] }[] }> {
  const response = await fetch(`${baseUrl}/api/v1/events/${encodeURIComponent(eventId)}/comments?status=all`, {
    headers: { Authorization: `Bearer ${platformToken('audit-admin')}` },
  });
  expect(response.status).toBe(200);
  return response.json();
}

describe('comments on a log entry', () => {
  let browser: Browser;
  let original: Settings;
  const run = suffix();
  const eventId = `cm-e2e-${run}`;
  /** The bell's unread count before the comment that mentions demo-admin. */
  let unreadBefore = 0;

  beforeAll(async () => {
    browser = await launch();
    original = await readSettings();
    await writeSettings({ ...original, mail: { ...original.mail, mentions: true } });
    await ingest([
      {
        id: eventId,
        occurredAt: new Date().toISOString(),
        category: 'LOGIN',
        subcategory: 'LOGIN_FAILED',
        action: 'LOGIN',
        actor: { id: `u-cm-${run}`, email: `cm-${run}@demo.example`, name: `Comment Probe ${run}`, type: 'USER' },
        context: { ip: '203.0.113.77', country: 'DK', loginType: 'PASSWORD' },
      },
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    if (original) await writeSettings(original);
  });

  it('comments with a mention of oneself chosen from the picker, replies, edits, resolves and reopens', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, `/log/${encodeURIComponent(eventId)}`);
    const panel = page.getByRole('dialog', { name: 'Event details' });
    await panel.getByRole('heading', { name: 'Comments' }).waitFor();
    await page.getByTestId('notification-bell').waitFor();
    await page.waitForLoadState('networkidle');
    unreadBefore = await unreadOnBell(page);
    await panel.getByText('No open comments').waitFor();
    await expectAccessible(page, 'comments (empty)');

    // Type @ and a part of one's own address: the picker lists demo-admin (by name, with the address).
    const box = panel.getByRole('textbox', { name: 'Add a comment' });
    await box.click();
    await box.pressSequentially('Who failed to log in here? @admin');
    const option = panel.getByRole('option').filter({ hasText: 'admin@demo.example' });
    await option.waitFor();
    // The list opens below the box, at the foot of the scrolling panel: into view for the screenshot.
    await option.scrollIntoViewIfNeeded();
    await screenshot(page, 'comments-mention-picker');
    await expectAccessible(page, 'mention picker');
    await option.click();
    await expect.poll(() => box.inputValue()).toMatch(/@\S.* $/);
    await box.pressSequentially('please check');
    await panel.getByRole('button', { name: 'Comment', exact: true }).click();
    const thread = panel.getByRole('article');
    await thread.getByText('please check').waitFor();
    await expect.poll(() => box.inputValue()).toBe('');

    // Reply, then edit the top comment (marked edited).
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();
    await thread.getByRole('textbox', { name: 'Your reply' }).fill('Checked: a typo in the password.');
    await thread.getByRole('button', { name: 'Send reply' }).click();
    await thread.getByText('Checked: a typo in the password.').waitFor();
    await thread.getByRole('button', { name: 'Edit' }).first().click();
    const edit = thread.getByRole('textbox', { name: 'Edit comment' });
    await edit.press('End');
    await edit.pressSequentially(' today');
    await thread.getByRole('button', { name: 'Save' }).click();
    await thread.getByText(/\(edited /).waitFor();
    await screenshot(page, 'comments-thread');
    await expectAccessible(page, 'comment thread');

    // Resolve: the thread leaves the open list and is under Resolved; reopen brings it back.
    await thread.getByRole('button', { name: 'Resolve' }).click();
    await panel.getByText('No open comments').waitFor();
    await panel.getByText('Resolved (1)').click();
    await panel.getByText(/^Resolved by /).waitFor();
    await screenshot(page, 'comments-resolved');
    await panel.getByRole('button', { name: 'Reopen' }).click();
    await panel.getByText('Open (1)').click();
    await panel.getByRole('article').getByText('Checked: a typo in the password.').waitFor();
    await context.close();
  });

  it('tells demo-admin of the mention: the bell counts it, the mail at the SMTP server links to the comment', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, '/log');
    const notification = await waitForNotification(eventId);
    expect(notification.kind).toBe('mention');
    await expect.poll(() => unreadOnBell(page), { timeout: 45_000, interval: 1000 }).toBeGreaterThan(unreadBefore);
    await screenshot(page, 'comments-bell');

    // The mail, with the console's link to the comment.
    const mail = await waitForMail('admin@demo.example', notification.id);
    expect(mail.subject).toMatch(/mentioned you$/);
    const [top] = (await threadsOf(eventId)).items;
    const link = mail.links.find((l) => l.pathname === `/log/${encodeURIComponent(eventId)}`);
    expect(link, `a link to the entry in ${mail.links.join(' ')}`).toBeDefined();
    expect(link!.searchParams.get('comment')).toBe(top.id);
    await context.close();
  });

  it("opens a comment's link with its thread in view, filters the log by comments, and deletes", async () => {
    const [top] = (await threadsOf(eventId)).items;
    const context = await newContext(browser);
    const page = await context.newPage();
    await openSignedIn(page, `/log/${encodeURIComponent(eventId)}?comment=${top.id}`);
    const panel = page.getByRole('dialog', { name: 'Event details' });
    const focused = panel.locator('article[data-focused]');
    await focused.waitFor();
    expect(await focused.getByText(/please check today/).count()).toBe(1);
    await screenshot(page, 'comments-linked');

    // The log's "has comments" switch: the URL carries it, and the entry is among the rows.
    await openSignedIn(page, '/log');
    // A click, not check(): the switch shows the URL's state, which the click changes a moment later.
    await page.getByRole('switch', { name: 'Has comments' }).click();
    await page.waitForURL((url) => url.searchParams.get('hasComments') === 'true');
    await page.locator(`[role=row][data-event-id="${eventId}"]`).waitFor();
    await expectAccessible(page, 'log with comments only');
    await screenshot(page, 'log-has-comments');

    // Delete the top comment: its reply stays under a placeholder; delete the reply: the thread is gone.
    await openSignedIn(page, `/log/${encodeURIComponent(eventId)}`);
    const thread = page.getByRole('dialog', { name: 'Event details' }).getByRole('article');
    await thread.getByRole('button', { name: 'Delete' }).first().click();
    const confirm = page.getByRole('dialog', { name: 'Delete this comment?' });
    await expectAccessible(page, 'delete confirmation');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await thread.getByText('This comment was deleted.').waitFor();
    await thread.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete this comment?' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Event details' }).getByText('No open comments').waitFor();
    expect((await threadsOf(eventId)).items).toEqual([]);
    await context.close();
  });
});
