import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AuthContext, type AuthContextProps } from 'react-oidc-context';
import { renderScreen } from '../../test/render';
import { stubServices, type Call } from '../log/testing';
import type { CommentView, Threads } from './api';
import { CommentsSection } from './CommentsSection';

// Shapes as the audit-service answers them (GET /api/v1/events/{id}/comments, GET /api/v1/people).
const ann = { userId: 'ann-1', name: 'Ann Lee' };
const bo = { userId: 'bo-2', name: 'Bo Ek' };

function comment(overrides: Partial<CommentView>): CommentView {
  return {
    id: '6a3c1f0e-0000-4000-8000-000000000001',
    eventId: 'demo-1',
    parentId: null,
    author: ann,
    text: 'Who logged in from Berlin?',
    mentions: [],
    createdAt: '2026-11-29T10:15:00Z',
    editedAt: null,
    deleted: false,
    deletedAt: null,
    version: 0,
    resolved: false,
    resolvedAt: null,
    resolvedBy: null,
    replies: [],
    ...overrides,
  };
}

const reply = comment({
  id: '6a3c1f0e-0000-4000-8000-000000000002',
  parentId: '6a3c1f0e-0000-4000-8000-000000000001',
  author: bo,
  text: 'That was me, @Ann Lee',
  mentions: [ann],
  resolved: null,
  replies: null,
});
const thread = comment({ replies: [reply] });
const resolvedThread = comment({
  id: '6a3c1f0e-0000-4000-8000-000000000003',
  text: 'Settled',
  resolved: true,
  resolvedAt: '2026-11-29T11:00:00Z',
  resolvedBy: bo,
  version: 2,
});

function threads(items: CommentView[], open = 1, resolved = 1): Threads {
  return { items, openCount: open, resolvedCount: resolved };
}

/** Signed in as `userId` (only the token subject matters to the comments). */
function signedInAs(userId: string) {
  const auth = { user: { profile: { sub: userId } } } as unknown as AuthContextProps;
  return ({ children }: { children: ReactNode }) => <AuthContext.Provider value={auth}>{children}</AuthContext.Provider>;
}

function renderAs(userId: string | null, ui: ReactNode, route = '/log/demo-1') {
  const Wrapper = userId ? signedInAs(userId) : ({ children }: { children: ReactNode }) => <>{children}</>;
  return renderScreen(<Wrapper>{ui}</Wrapper>, { route });
}

const commentsPath = /^\/api\/v1\/events\/demo-1\/comments$/;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the comments of a log entry', () => {
  it('lists the open threads with their replies, mentions marked, and the counts of each state', async () => {
    const calls = stubServices([[commentsPath, () => ({ body: threads([thread]) })]]);
    renderAs(null, <CommentsSection eventId="demo-1" />);
    const article = await screen.findByRole('article', { name: 'Thread started by Ann Lee' });
    expect(within(article).getByText('Who logged in from Berlin?')).toBeInTheDocument();
    expect(within(article).getByText('@Ann Lee')).toHaveClass(/mention/);
    expect(screen.getByText('Open (1)')).toBeInTheDocument();
    expect(screen.getByText('Resolved (1)')).toBeInTheDocument();
    expect(calls.find((c) => commentsPath.test(c.url.pathname))!.url.searchParams.get('status')).toBe('open');
    // Not signed in as the author: nothing to edit or delete.
    expect(within(article).queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
  });

  it('asks the service for the chosen state', async () => {
    const user = userEvent.setup();
    const calls = stubServices([
      [commentsPath, (call) => ({ body: call.url.searchParams.get('status') === 'resolved' ? threads([resolvedThread]) : threads([thread]) })],
    ]);
    renderAs(null, <CommentsSection eventId="demo-1" />);
    await screen.findByText('Who logged in from Berlin?');
    await user.click(screen.getByText('Resolved (1)'));
    expect(await screen.findByText('Settled')).toBeInTheDocument();
    expect(screen.getByText('Resolved by Bo Ek')).toBeInTheDocument();
    expect(calls.filter((c) => commentsPath.test(c.url.pathname)).map((c) => c.url.searchParams.get('status'))).toContain('resolved');
  });

  it('sends a new comment with the people chosen from the picker and still named in the text', async () => {
    const user = userEvent.setup();
    const calls = stubServices([
      [/^\/api\/v1\/people$/, () => ({ body: { items: [{ userId: 'bo-2', name: 'Bo Ek', email: 'bo@demo.example', lastSeenAt: '2026-11-29T09:00:00Z' }] } })],
      [commentsPath, (call) => (call.method === 'POST' ? { status: 201, body: comment({ id: 'new' }) } : { body: threads([]) })],
    ]);
    renderAs('ann-1', <CommentsSection eventId="demo-1" />);
    const box = await screen.findByRole('textbox', { name: 'Add a comment' });
    await user.type(box, 'Please check @bo');
    // The picker asks as the person types (after "@" alone: everyone; then what follows it).
    await waitFor(() =>
      expect(calls.filter((c) => c.url.pathname === '/api/v1/people').map((c) => c.url.searchParams.get('q'))).toContain('bo'),
    );
    const option = await screen.findByRole('option', { name: /Bo Ek/ });
    expect(box).toHaveAttribute('aria-controls', screen.getByRole('listbox').id);
    expect(box).toHaveAttribute('aria-activedescendant', option.id);
    await user.keyboard('{Enter}');
    expect(option).not.toBeInTheDocument();
    expect(box).toHaveValue('Please check @Bo Ek ');
    await user.type(box, 'today');
    await user.click(screen.getByRole('button', { name: 'Comment' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ text: 'Please check @Bo Ek today', mentions: ['bo-2'] });
    await waitFor(() => expect(box).toHaveValue(''));
  });

  it("shows the service's reason for a mention it refuses, by the person's name", async () => {
    const user = userEvent.setup();
    stubServices([
      [/^\/api\/v1\/people$/, () => ({ body: { items: [{ userId: 'bo-2', name: 'Bo Ek', email: null, lastSeenAt: '2026-11-29T09:00:00Z' }] } })],
      [
        commentsPath,
        (call) =>
          call.method === 'POST'
            ? {
                status: 400,
                body: {
                  title: 'Invalid request',
                  status: 400,
                  detail: 'mentions[0]: "bo-2" is not a super admin of this account',
                  errors: [{ field: 'mentions[0]', reason: '"bo-2" is not a super admin of this account' }],
                },
              }
            : { body: threads([]) },
      ],
    ]);
    renderAs('ann-1', <CommentsSection eventId="demo-1" />);
    const box = await screen.findByRole('textbox', { name: 'Add a comment' });
    await user.type(box, '@Bo');
    await screen.findByRole('option', { name: /Bo Ek/ });
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Comment' }));
    expect(await screen.findByText('Bo Ek cannot be mentioned: only super admins of this account can.')).toBeInTheDocument();
  });

  it('refuses an empty comment without asking the service', async () => {
    const user = userEvent.setup();
    const calls = stubServices([[commentsPath, () => ({ body: threads([]) })]]);
    renderAs('ann-1', <CommentsSection eventId="demo-1" />);
    await screen.findByRole('textbox', { name: 'Add a comment' });
    await user.click(screen.getByRole('button', { name: 'Comment' }));
    expect(screen.getByText('Write something first.')).toBeInTheDocument();
    expect(calls.some((c: Call) => c.method === 'POST')).toBe(false);
  });

  it("lets the author edit with the comment's version, and says so when someone changed it meanwhile", async () => {
    const user = userEvent.setup();
    const calls = stubServices([
      [/^\/api\/v1\/events\/demo-1\/comments\/.+$/, () => ({ status: 409, body: { title: 'Conflict', status: 409, detail: 'The comment was changed meanwhile' } })],
      [commentsPath, () => ({ body: threads([thread]) })],
    ]);
    renderAs('ann-1', <CommentsSection eventId="demo-1" />);
    const article = await screen.findByRole('article', { name: 'Thread started by Ann Lee' });
    // Bo's reply is not Ann's to edit.
    expect(within(article).getAllByRole('button', { name: 'Edit' })).toHaveLength(1);
    await user.click(within(article).getByRole('button', { name: 'Edit' }));
    const box = screen.getByRole('textbox', { name: 'Edit comment' });
    await user.clear(box);
    await user.type(box, 'Who logged in from Munich?');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Someone changed this comment meanwhile/)).toBeInTheDocument();
    const patch = calls.find((c) => c.method === 'PATCH')!;
    expect(patch.url.pathname).toBe(`/api/v1/events/demo-1/comments/${thread.id}`);
    expect(patch.body).toEqual({ version: 0, text: 'Who logged in from Munich?', mentions: [] });
  });

  it('resolves a thread and deletes after a confirmation, each with the version it shows', async () => {
    const user = userEvent.setup();
    const calls = stubServices([
      [/^\/api\/v1\/events\/demo-1\/comments\/.+$/, (call) => (call.method === 'DELETE' ? { status: 204, body: null } : { body: { ...thread, resolved: true, version: 1 } })],
      [commentsPath, () => ({ body: threads([thread]) })],
    ]);
    renderAs('ann-1', <CommentsSection eventId="demo-1" />);
    const article = await screen.findByRole('article', { name: 'Thread started by Ann Lee' });
    await user.click(within(article).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ version: 0, resolved: true });

    await user.click(within(article).getAllByRole('button', { name: 'Delete' })[0]);
    const dialog = await screen.findByRole('dialog', { name: 'Delete this comment?' });
    expect(within(dialog).getByText('The replies stay; the comment is shown as deleted.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'DELETE')).toBe(true));
    const deletion = calls.find((c) => c.method === 'DELETE')!;
    expect(deletion.url.pathname).toBe(`/api/v1/events/demo-1/comments/${thread.id}`);
    expect(deletion.url.searchParams.get('version')).toBe('0');
  });

  it('shows a deleted comment with replies as a placeholder', async () => {
    stubServices([[commentsPath, () => ({ body: threads([comment({ deleted: true, author: null, text: null, deletedAt: '2026-11-29T12:00:00Z', replies: [reply] })]) })]]);
    renderAs('ann-1', <CommentsSection eventId="demo-1" />);
    expect(await screen.findByText('This comment was deleted.')).toBeInTheDocument();
    expect(screen.getByText(/That was me/)).toBeInTheDocument();
  });

  it("opens a comment's link with every thread shown and copies the link to the console", async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    const calls = stubServices([[commentsPath, () => ({ body: threads([resolvedThread], 0, 1) })]]);
    renderAs(null, <CommentsSection eventId="demo-1" focus={resolvedThread.id} />);
    await screen.findByText('Settled');
    expect(calls.find((c) => commentsPath.test(c.url.pathname))!.url.searchParams.get('status')).toBe('all');
    expect(screen.getByRole('article')).toHaveAttribute('data-focused', 'true');
    await user.click(screen.getByRole('button', { name: 'Copy link to the comment by Ann Lee' }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/log/demo-1?comment=${resolvedThread.id}`);
  });
});
