import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { catalogOptions } from './data';
import { changesOf, EventDetails, EventDetailsView } from './EventDetails';
import { account, anonymousEvent, catalog, contentEvent, crmEvent, exportEvent, loginEvent, staffEvent } from './fixtures';
import { stubServices } from './testing';

const options = catalogOptions(catalog, account.visibleCategories);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the details of an event', () => {
  it("shows a CRM record's before and after as a table of changes", () => {
    renderScreen(<EventDetailsView event={crmEvent} catalog={options} />);
    const table = screen.getByRole('table', { name: 'What changed' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual(['FieldBeforeAfter', 'lifecyclelead(none)']);
  });

  it('reads a list of changes with field, before and after', () => {
    expect(
      changesOf({ changes: [{ field: 'email', before: 'a@x.example', after: 'b@x.example' }, { field: 'role', before: null, after: 'admin' }] }),
    ).toEqual([
      { field: 'email', before: 'a@x.example', after: 'b@x.example' },
      { field: 'role', before: null, after: 'admin' },
    ]);
    expect(changesOf({ before: { stage: 'lead' }, after: { stage: 'customer', owner: 'ann' } })).toEqual([
      { field: 'owner', before: undefined, after: 'ann' },
      { field: 'stage', before: 'lead', after: 'customer' },
    ]);
    expect(changesOf(contentEvent.details)).toBeNull();
    expect(changesOf({ before: 'text', after: 'text' })).toBeNull();
  });

  it('shows other metadata as a tree whose nested keys open and close', async () => {
    const user = userEvent.setup();
    const event = { ...contentEvent, details: { ...contentEvent.details, sharing: { audience: 'public', recipients: ['a@x.example', 'b@x.example'] } } };
    renderScreen(<EventDetailsView event={event} catalog={options} />);
    const tree = screen.getByRole('list', { name: 'Details' });
    expect(within(tree).getByText('https://files.demo.example/s/26')).toBeInTheDocument();
    expect(within(tree).getByText('false')).toBeInTheDocument();
    const toggle = within(tree).getByRole('button', { name: /sharing/ });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(within(tree).getByText('public')).toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(within(tree).queryByText('public')).not.toBeInTheDocument();
    expect(within(tree).queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows when, who, what and where, and the parsed user agent', () => {
    renderScreen(<EventDetailsView event={loginEvent} catalog={options} />);
    for (const text of ['Ann Lee', 'ann@demo.example', 'User', 'sales', 'Login', 'Login succeeded', 'Log in', loginEvent.context.ip!, 'Germany', 'Berlin', 'SSO', 'Chrome 120', 'Windows', 'Desktop']) {
      expect(screen.getAllByText(text).length, text).toBeGreaterThan(0);
    }
    // Both times (occurred, recorded) with their zone named.
    expect(screen.getAllByText(/2026.*(UTC|GMT|CET)/)).toHaveLength(2);
  });

  it('leaves out the actor type of an event that names no actor', () => {
    renderScreen(<EventDetailsView event={anonymousEvent} catalog={options} />);
    expect(screen.queryByText('Actor type')).not.toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/actorType/);
  });

  it("names a staff member's department", () => {
    renderScreen(<EventDetailsView event={staffEvent} catalog={options} />);
    expect(screen.getByText('Customer support')).toBeInTheDocument();
    expect(screen.getByText('Staff')).toBeInTheDocument();
  });

  it("links an export entry's object (the job) to its report", () => {
    stubServices([]);
    renderScreen(<EventDetailsView event={exportEvent} catalog={options} />);
    expect(screen.getByRole('link', { name: exportEvent.object.name! })).toHaveAttribute('href', `/reports/${exportEvent.details!.jobId}`);
  });

  it('says "not found" for an event the account does not have', async () => {
    stubServices([[/^\/api\/v1\/events\/nope$/, () => ({ status: 404, body: { title: 'Not found', status: 404, detail: 'No event nope in this account' } })]]);
    renderScreen(<EventDetails id="nope" catalog={options} />);
    expect(await screen.findByText('Event not found')).toBeInTheDocument();
  });
});
