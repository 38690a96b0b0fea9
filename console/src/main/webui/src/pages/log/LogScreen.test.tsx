import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from '../../i18n';
import { renderScreen } from '../../test/render';
import { LogScreen } from './LogScreen';
import { anonymousEvent, contentEvent, crmEvent, loginEvent, staffEvent } from './fixtures';
import { eventCalls, giveElementsASize, routes, stubServices } from './testing';

giveElementsASize();

afterEach(() => {
  vi.unstubAllGlobals();
});

const page = (items: unknown[], nextCursor: string | null = null) => ({ body: { items, nextCursor } });

describe('the audit log screen', () => {
  it('asks the service for exactly the filters of its URL and shows the rows it answers', async () => {
    void i18n.changeLanguage('en');
    const calls = stubServices([[/^\/api\/v1\/events$/, () => page([loginEvent, crmEvent])]]);
    renderScreen(routes(<LogScreen mode="log" />), {
      route: '/log?view=login-history&category=LOGIN&actor=ann%40demo.example&ip=198.51.100.0%2F24&q=x',
    });
    expect(await screen.findByText('Company 110')).toBeInTheDocument();
    const sent = eventCalls(calls)[0].url.searchParams;
    expect(sent.get('view')).toBe('login-history');
    expect(sent.getAll('category')).toEqual(['LOGIN']);
    expect(sent.getAll('actor')).toEqual(['ann@demo.example']);
    expect(sent.getAll('ip')).toEqual(['198.51.100.0/24']);
    expect(sent.get('q')).toBe('x');
    expect(sent.get('limit')).toBe('100');
    expect(sent.has('cursor')).toBe(false);
    // The row: the user with initials and type, category and subcategory/action labels of the catalog.
    const row = screen.getAllByRole('row').find((r) => r.getAttribute('data-event-id') === loginEvent.id)!;
    expect(within(row).getByText('Ann Lee')).toBeInTheDocument();
    expect(row.querySelector('[data-initials]')).toHaveAttribute('data-initials', 'AL');
    expect(within(row).getByText('Login succeeded')).toBeInTheDocument();
    expect(within(row).getByText(loginEvent.context.ip!)).toBeInTheDocument();
    expect(within(row).getByText('Germany')).toBeInTheDocument();
    // A time with its zone named.
    expect(within(row).getByText(/2026.*(UTC|GMT|CET)/)).toBeInTheDocument();
  });

  it('shows an event that names no actor as "Unknown", with no type rather than a message key', async () => {
    void i18n.changeLanguage('en');
    stubServices([[/^\/api\/v1\/events$/, () => page([anonymousEvent])]]);
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log' });
    const row = (await screen.findAllByRole('row')).find((r) => r.getAttribute('data-event-id') === anonymousEvent.id)!;
    expect(within(row).getByText('Unknown')).toBeInTheDocument();
    expect(row.textContent).not.toMatch(/actorType|null/);
  });

  it('puts a category chosen in the filters into the URL and asks the service for it', async () => {
    const user = userEvent.setup();
    const calls = stubServices([[/^\/api\/v1\/events$/, () => page([loginEvent])]]);
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log' });
    await screen.findByText('Ann Lee');
    await user.click(screen.getByRole('combobox', { name: 'Category' }));
    await user.click(await screen.findByRole('option', { name: 'Security activity', hidden: true }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/log?category=SECURITY'));
    await waitFor(() => expect(eventCalls(calls).at(-1)!.url.searchParams.getAll('category')).toEqual(['SECURITY']));
    // Subcategories are narrowed to the chosen category's.
    await user.click(screen.getByRole('combobox', { name: 'Subcategory' }));
    expect(await screen.findByRole('option', { name: 'Two-factor authentication', hidden: true })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Login failed', hidden: true })).not.toBeInTheDocument();
  });

  it('offers only the categories the plan shows', async () => {
    const user = userEvent.setup();
    stubServices([
      [/^\/api\/v1\/account$/, () => ({ body: { accountId: 'demo', plan: 'STARTER', planSource: 'ACCOUNT', visibleCategories: ['LOGIN', 'SECURITY'], eventDetails: false } })],
      [/^\/api\/v1\/events$/, () => page([loginEvent])],
    ]);
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log' });
    await screen.findByText('Ann Lee');
    await user.click(screen.getByRole('combobox', { name: 'Category' }));
    expect(await screen.findByRole('option', { name: 'Login', hidden: true })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'CRM objects', hidden: true })).not.toBeInTheDocument();
  });

  it('asks for the next page with the cursor the page before named', async () => {
    const calls = stubServices([
      [/^\/api\/v1\/events$/, (call) => (call.url.searchParams.get('cursor') === 'ZTE6next' ? page([crmEvent]) : page([loginEvent], 'ZTE6next'))],
    ]);
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log?category=LOGIN' });
    await waitFor(() => expect(eventCalls(calls)).toHaveLength(2));
    const second = eventCalls(calls)[1].url.searchParams;
    expect(second.get('cursor')).toBe('ZTE6next');
    expect(second.get('limit')).toBe('500');
    expect(second.getAll('category')).toEqual(['LOGIN']);
    expect(await screen.findByText('2 events')).toBeInTheDocument();
  });

  it("shows the service's reason for a bad filter next to that field", async () => {
    const reason = '"bad" is not an IP address or CIDR network (e.g. 203.0.113.7, 2001:db8::1, 203.0.113.0/24; no brackets, zone ids or leading zeros)';
    stubServices([
      [
        /^\/api\/v1\/events$/,
        () => ({ status: 400, body: { title: 'Invalid request', status: 400, detail: `ip: ${reason}`, errors: [{ field: 'ip', reason }] } }),
      ],
    ]);
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log?ip=bad' });
    const field = (await screen.findAllByLabelText('IP address')).find((e) => e.tagName === 'INPUT' && (e as HTMLInputElement).type !== 'hidden')!;
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(expect.stringContaining(reason));
    expect(screen.getByRole('alert')).toHaveTextContent('The log cannot use these filters');
  });

  it('says when nothing matches and clears the filters', async () => {
    const user = userEvent.setup();
    stubServices([[/^\/api\/v1\/events$/, (call) => (call.url.searchParams.has('team') ? page([]) : page([loginEvent]))]]);
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log?view=security-activity&team=nobody' });
    expect(await screen.findByText('No events match')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: 'Clear filters' })[0]);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/log\?view=security-activity$/));
  });

  it('opens the details of a row with Enter, keeping the filters, and closes them with Escape', async () => {
    const user = userEvent.setup();
    stubServices([
      [/^\/api\/v1\/events$/, () => page([loginEvent, contentEvent])],
      [/^\/api\/v1\/events\/.+$/, (call) => ({ body: [loginEvent, contentEvent].find((e) => call.url.pathname.endsWith(e.id)) })],
    ]);
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log?q=Plan' });
    await screen.findByText('Ann Lee');
    const rows = screen.getAllByRole('row').filter((r) => r.hasAttribute('data-event-id'));
    rows[0].focus();
    await user.keyboard('{ArrowDown}');
    expect(rows[1]).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/log/${contentEvent.id}?q=Plan`));
    const dialog = await screen.findByRole('dialog', { name: 'Event details' });
    expect(await within(dialog).findByText('https://files.demo.example/s/26')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/log\?q=Plan$/));
    // Focus is back on the row the details were of.
    await waitFor(() => expect(document.activeElement?.getAttribute('data-event-id')).toBe(contentEvent.id));
  });

  it('opens a deep link to an event that is not on the first page, and says when there is no such event', async () => {
    stubServices([
      [/^\/api\/v1\/events$/, () => page([loginEvent])],
      [/^\/api\/v1\/events\/demo-older$/, () => ({ body: { ...crmEvent, id: 'demo-older' } })],
      [/^\/api\/v1\/events\/nope$/, () => ({ status: 404, body: { title: 'Not found', status: 404, detail: 'No event nope in this account' } })],
    ]);
    const first = renderScreen(routes(<LogScreen mode="log" />), { route: '/log/demo-older' });
    const dialog = await screen.findByRole('dialog', { name: 'Event details' });
    expect(await within(dialog).findByText('Company 110')).toBeInTheDocument();
    first.unmount();
    renderScreen(routes(<LogScreen mode="log" />), { route: '/log/nope' });
    expect(await screen.findByText('Event not found')).toBeInTheDocument();
  });

  it('shows the staff screen with departments, asking for STAFF actors only', async () => {
    const calls = stubServices([[/^\/api\/v1\/events$/, () => page([staffEvent])]]);
    renderScreen(routes(<LogScreen mode="staff" />, '/staff'), { route: '/staff' });
    expect(await screen.findByText('Vendor Staff')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Department' })).toBeInTheDocument();
    expect(screen.getAllByText('Customer support').length).toBeGreaterThan(0);
    expect(eventCalls(calls)[0].url.searchParams.getAll('actorType')).toEqual(['STAFF']);
    expect(screen.queryByRole('button', { name: 'Export this view' })).not.toBeInTheDocument();
  });

  it('narrows the staff screen to a department on the loaded pages', async () => {
    const other = { ...staffEvent, id: 'demo-x', actor: { ...staffEvent.actor, name: 'Sales Person', department: 'SALES' } };
    const calls = stubServices([
      [/^\/api\/v1\/events$/, (call) => (call.url.searchParams.get('cursor') ? page([other]) : page([staffEvent], 'c2'))],
    ]);
    renderScreen(routes(<LogScreen mode="staff" />, '/staff'), { route: '/staff?department=SALES' });
    expect(await screen.findByText('Sales Person')).toBeInTheDocument();
    expect(screen.queryByText('Vendor Staff')).not.toBeInTheDocument();
    // Every page was loaded, the department is not a service parameter.
    expect(eventCalls(calls).some((c) => c.url.searchParams.get('cursor') === 'c2')).toBe(true);
    expect(eventCalls(calls).every((c) => !c.url.searchParams.has('department'))).toBe(true);
  });
});
