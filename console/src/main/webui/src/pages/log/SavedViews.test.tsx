import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../i18n';
import { renderScreen } from '../../test/render';
import { LogScreen } from './LogScreen';
import { loginEvent } from './fixtures';
import { eventCalls, giveElementsASize, routes, stubServices, type Call } from './testing';
import { builtInViews, ownView, sharedView } from './viewFixtures';

giveElementsASize();
beforeAll(() => {
  void i18n.changeLanguage('en');
});
afterEach(() => vi.unstubAllGlobals());

const page = (items: unknown[]) => ({ body: { items, nextCursor: null } });
const viewList = () => ({ body: { items: [...builtInViews, ownView, sharedView] } });
const location = () => screen.getByTestId('location').textContent;
const viewCalls = (calls: Call[], method: string) => calls.filter((c) => c.method === method && c.url.pathname.startsWith('/api/v1/views'));

function stub(extra: Parameters<typeof stubServices>[0] = []) {
  return stubServices([
    ...extra,
    [/^\/api\/v1\/views$/, viewList],
    [/^\/api\/v1\/events$/, () => page([loginEvent])],
  ]);
}

describe('saved views on the log', () => {
  it('shows the built-in views, then the own, then the shared ones with their owner', async () => {
    stub();
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log' });
    const tabs = await screen.findAllByRole('tab');
    await waitFor(() => expect(screen.getAllByRole('tab')).toHaveLength(5));
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'All logs',
      'Login history',
      'Security activity',
      'Failed logins',
      'Deleted contacts · Eli Moss',
    ]);
    expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
  });

  it('opens a saved view by its id alone, shows its filters and columns, and lets the service apply it', async () => {
    const user = userEvent.setup();
    const calls = stub();
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log?category=SECURITY' });
    await user.click(await screen.findByRole('tab', { name: 'Failed logins' }));
    await waitFor(() => expect(location()).toBe(`/log?view=${ownView.id}`));
    await waitFor(() => {
      const sent = eventCalls(calls).at(-1)!.url.searchParams;
      expect([...sent.keys()].sort()).toEqual(['limit', 'view']);
      expect(sent.get('view')).toBe(ownView.id);
    });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'User', 'IP and country']);
    expect(screen.getByRole('combobox', { name: 'Order' })).toHaveValue('oldest');
    expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('puts a change into the URL, says it is unsaved, asks for exactly what is shown, and saves it with the version', async () => {
    const user = userEvent.setup();
    const calls = stub([[/^\/api\/v1\/views\/[^/]+$/, (c) => ({ body: { ...ownView, ...(c.body as object), version: 4 } })]]);
    renderScreen(routes(<LogScreen mode="log" />), { route: `/log?view=${ownView.id}` });
    await screen.findByRole('tab', { name: 'Failed logins', selected: true });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Order' }), 'newest');

    await waitFor(() =>
      expect(location()).toBe(`/log?view=${ownView.id}&category=LOGIN&subcategory=LOGIN_FAILED&sort=newest`),
    );
    expect(await screen.findByText('Unsaved changes')).toBeInTheDocument();
    await waitFor(() => {
      const sent = eventCalls(calls).at(-1)!.url.searchParams;
      expect(sent.has('view')).toBe(false);
      expect(sent.getAll('category')).toEqual(['LOGIN']);
      expect(sent.getAll('subcategory')).toEqual(['LOGIN_FAILED']);
      expect(sent.get('sort')).toBe('newest');
    });

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(viewCalls(calls, 'PUT')).toHaveLength(1));
    const put = viewCalls(calls, 'PUT')[0];
    expect(put.url.pathname).toBe(`/api/v1/views/${ownView.id}`);
    expect(put.body).toEqual({
      name: 'Failed logins',
      filters: { category: ['LOGIN'], subcategory: ['LOGIN_FAILED'] },
      columns: ['time', 'user', 'where'],
      sort: 'newest',
      shared: false,
      version: 3,
    });
    await waitFor(() => expect(location()).toBe(`/log?view=${ownView.id}`));
  });

  it('opens a deep link with unsaved changes as changed, and resets to the saved state', async () => {
    const user = userEvent.setup();
    const calls = stub();
    renderScreen(routes(<LogScreen mode="log" />), { route: `/log?view=${ownView.id}&category=LOGIN&sort=oldest` });
    expect(await screen.findByText('Unsaved changes')).toBeInTheDocument();
    const sent = eventCalls(calls)[0].url.searchParams;
    expect(sent.has('view')).toBe(false);
    expect(sent.has('subcategory')).toBe(false);
    expect(sent.get('sort')).toBe('oldest');
    await user.click(screen.getByRole('button', { name: 'Reset' }));
    await waitFor(() => expect(location()).toBe(`/log?view=${ownView.id}`));
    expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument();
  });

  it('counts a change of columns as unsaved and saves the columns in the table order', async () => {
    const user = userEvent.setup();
    const calls = stub([[/^\/api\/v1\/views\/[^/]+$/, (c) => ({ body: { ...ownView, ...(c.body as object) } })]]);
    renderScreen(routes(<LogScreen mode="log" />), { route: `/log?view=${ownView.id}` });
    await screen.findByRole('tab', { name: 'Failed logins', selected: true });
    await user.click(await screen.findByRole('button', { name: 'Columns' }));
    await user.click(await screen.findByRole('checkbox', { name: 'Category', hidden: true }));
    expect(await screen.findByText('Unsaved changes')).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'User', 'Category', 'IP and country']);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(viewCalls(calls, 'PUT')).toHaveLength(1));
    expect((viewCalls(calls, 'PUT')[0].body as { columns: string[] }).columns).toEqual(['time', 'user', 'category', 'where']);
  });

  it('saves the shown filters as a new view, refusing an empty name and showing the name the service refused', async () => {
    const user = userEvent.setup();
    let answer: { status?: number; body: unknown } = {
      status: 409,
      body: { title: 'Conflict', status: 409, detail: 'name: You already have a view named "Mine"', errors: [{ field: 'name', reason: 'You already have a view named "Mine"' }] },
    };
    const calls = stub([[/^\/api\/v1\/views$/, (c) => (c.method === 'POST' ? answer : viewList())]]);
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log?view=login-history&actor=ann%40demo.example' });
    await user.click(await screen.findByRole('button', { name: 'Save as…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save as a new view' });
    const name = within(dialog).getByRole('textbox', { name: /Name/ });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Give the view a name')).toBeInTheDocument();
    expect(viewCalls(calls, 'POST')).toHaveLength(0);

    await user.type(name, 'Mine');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('You already have a view named "Mine"')).toBeInTheDocument();
    expect(viewCalls(calls, 'POST')[0].body).toEqual({
      name: 'Mine',
      filters: { category: ['LOGIN'], actor: ['ann@demo.example'] },
      columns: ['time', 'user', 'category', 'activity', 'object', 'where'],
      sort: 'newest',
      shared: false,
    });

    answer = { status: 201, body: { ...ownView, id: '11111111-2222-4333-8444-555555555555', name: 'Mine 2' } };
    await user.clear(name);
    await user.type(name, 'Mine 2');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(location()).toBe('/log?view=11111111-2222-4333-8444-555555555555'));
  });

  it('shares, renames and, after confirming, deletes an own view', async () => {
    const user = userEvent.setup();
    const calls = stub([
      [/^\/api\/v1\/views\/[^/]+$/, (c) => (c.method === 'DELETE' ? { status: 204, body: null } : { body: { ...ownView, ...(c.body as object) } })],
    ]);
    renderScreen(routes(<LogScreen mode="log" />), { route: `/log?view=${ownView.id}` });
    await screen.findByRole('tab', { name: 'Failed logins', selected: true });
    await user.click(screen.getByRole('switch', { name: "Shared with the account's admins" }));
    await waitFor(() => expect(viewCalls(calls, 'PUT')).toHaveLength(1));
    expect(viewCalls(calls, 'PUT')[0].body).toMatchObject({ shared: true, version: 3, name: 'Failed logins' });

    await user.click(screen.getByRole('button', { name: 'View actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Rename', hidden: true }));
    const rename = await screen.findByRole('dialog', { name: 'Rename view' });
    const name = within(rename).getByRole('textbox', { name: /Name/ });
    await user.clear(name);
    await user.type(name, 'Logins that failed');
    await user.click(within(rename).getByRole('button', { name: 'Rename' }));
    await waitFor(() => expect(viewCalls(calls, 'PUT')).toHaveLength(2));
    expect(viewCalls(calls, 'PUT')[1].body).toMatchObject({ name: 'Logins that failed', filters: ownView.filters });

    await user.click(screen.getByRole('button', { name: 'View actions' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete', hidden: true }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete view?' });
    expect(within(confirm).getByText(/"Failed logins" will be deleted/)).toBeInTheDocument();
    expect(viewCalls(calls, 'DELETE')).toHaveLength(0);
    await user.click(within(confirm).getByRole('button', { name: 'Delete view' }));
    await waitFor(() => expect(viewCalls(calls, 'DELETE')).toHaveLength(1));
    await waitFor(() => expect(location()).toBe('/log'));
  });

  it("offers another admin's shared view to clone, not to save, share or delete", async () => {
    const user = userEvent.setup();
    const copy = { ...sharedView, id: '22222222-3333-4444-8555-666666666666', name: 'Deleted contacts (copy)', own: true };
    const calls = stub([[/^\/api\/v1\/views\/[^/]+\/clone$/, () => ({ status: 201, body: copy })]]);
    renderScreen(routes(<LogScreen mode="log" />), { route: `/log?view=${sharedView.id}` });
    expect(await screen.findByText('Shared by Eli Moss. Clone it to make changes of your own.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
    expect(screen.queryByRole('switch', { name: "Shared with the account's admins" })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'View actions' }));
    expect(screen.queryByRole('menuitem', { name: 'Delete', hidden: true })).not.toBeInTheDocument();
    await user.click(await screen.findByRole('menuitem', { name: 'Clone', hidden: true }));
    await waitFor(() => expect(location()).toBe(`/log?view=${copy.id}`));
    expect(viewCalls(calls, 'POST')[0].url.pathname).toBe(`/api/v1/views/${sharedView.id}/clone`);
  });

  it('says when a linked view is gone', async () => {
    stub();
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log?view=99999999-9999-4999-8999-999999999999' });
    expect(await screen.findByText('This view is not available')).toBeInTheDocument();
  });
});
