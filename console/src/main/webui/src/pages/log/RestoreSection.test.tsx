import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { catalogOptions } from './data';
import { EventDetailsView } from './EventDetails';
import { account, catalog, crmEvent } from './fixtures';
import { RESTORE_POLL_MS } from './restore';
import { deleteEvent, eligible, failedRestore, pendingRestore, succeededRestore } from './restoreFixtures';
import { stubServices, type Call } from './testing';

const options = catalogOptions(catalog, account.visibleCategories);
const restorePath = /^\/api\/v1\/events\/demo-777\/restore$/;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('restore in the details of a deletion', () => {
  it('is shown for a DELETE entry only', () => {
    const calls = stubServices([]);
    renderScreen(<EventDetailsView event={crmEvent} catalog={options} />);
    expect(screen.queryByRole('heading', { name: 'Restore' })).not.toBeInTheDocument();
    expect(calls.some((c) => c.url.pathname.endsWith('/restore'))).toBe(false);
  });

  it('asks after confirming, naming the object, then polls while pending and stops once it succeeded', async () => {
    const user = userEvent.setup();
    let gets = 0;
    const calls = stubServices([
      [
        restorePath,
        (call: Call) => {
          if (call.method === 'POST') return { status: 202, body: pendingRestore };
          gets++;
          // Before the request: eligible; then pending once; then the producer has answered.
          if (gets === 1) return { body: eligible };
          if (gets === 2) return { body: { eligible: false, reason: 'PENDING', restorableUntil: eligible.restorableUntil, restores: [pendingRestore] } };
          return { body: { eligible: true, reason: null, restorableUntil: eligible.restorableUntil, restores: [succeededRestore] } };
        },
      ],
    ]);
    renderScreen(<EventDetailsView event={deleteEvent} catalog={options} />);
    const section = screen.getByRole('region', { name: 'Restore' });
    expect(await within(section).findByText(/^Can be restored until .*2027/)).toBeInTheDocument();

    await user.click(within(section).getByRole('button', { name: 'Restore Company 42' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore Company 42?' });
    expect(within(dialog).getByText(/Cy Ng deleted "Company 42"/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // The button is gone while the restore is pending: focus is on the section's heading, not lost to the page.
    await waitFor(() => expect(within(section).getByRole('heading', { name: 'Restore' })).toHaveFocus());
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual(['/api/v1/events/demo-777/restore']);
    const history = await within(section).findByRole('list', { name: 'Restores asked for' });
    expect(await within(history).findByText('Pending')).toBeInTheDocument();
    expect(within(history).getByText(/^1 attempt made; next attempt at/)).toBeInTheDocument();
    expect(within(history).getByText('Last error: HTTP 500 from the restore endpoint')).toBeInTheDocument();
    expect(within(section).getByText('A restore of this deletion is already in progress.')).toBeInTheDocument();
    expect(within(history).getByRole('link', { name: 'The restore request in the log' })).toHaveAttribute('href', '/log/restore-request-1');

    // The next poll (every 3 s) finds it restored, with the outcome entry linked.
    expect(await within(history).findByText('Restored', {}, { timeout: RESTORE_POLL_MS + 2000 })).toBeInTheDocument();
    expect(within(history).getByRole('link', { name: 'The outcome in the log' })).toHaveAttribute('href', '/log/restore-outcome-1');
    const getsWhenDone = gets;
    await new Promise((resolve) => setTimeout(resolve, RESTORE_POLL_MS + 500));
    expect(gets, 'no polling once none is pending').toBe(getsWhenDone);
  }, 15_000);

  it.each([
    ['TOO_OLD', 'Deletions can be restored for 90 days; this one is older.'],
    ['NO_ENDPOINT', 'The product that recorded this deletion has not registered a way to restore records, so it cannot be restored from the log.'],
  ])('says in words why a %s deletion cannot be restored, with no button', async (reason, words) => {
    stubServices([[restorePath, () => ({ body: { eligible: false, reason, restorableUntil: reason === 'TOO_OLD' ? '2026-08-01T10:00:00Z' : null, restores: [] } })]]);
    renderScreen(<EventDetailsView event={deleteEvent} catalog={options} />);
    const section = screen.getByRole('region', { name: 'Restore' });
    expect(await within(section).findByText(words)).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: /Restore/ })).not.toBeInTheDocument();
    if (reason === 'TOO_OLD') expect(within(section).getByText(/^Could be restored until .*2026/)).toBeInTheDocument();
    expect(within(section).queryByText(/^Can be restored until/)).not.toBeInTheDocument();
  });

  it("shows a 409's reason in words and the service's detail in the dialog", async () => {
    const user = userEvent.setup();
    stubServices([
      [
        restorePath,
        (call: Call) =>
          call.method === 'POST'
            ? { status: 409, body: { title: 'Conflict', status: 409, reason: 'PENDING', detail: 'A restore of demo-777 is pending since 2026-11-30T09:00:00Z' } }
            : { body: eligible },
      ],
    ]);
    renderScreen(<EventDetailsView event={deleteEvent} catalog={options} />);
    await user.click(await screen.findByRole('button', { name: 'Restore Company 42' }));
    const dialog = await screen.findByRole('dialog', { name: 'Restore Company 42?' });
    await user.click(within(dialog).getByRole('button', { name: 'Restore' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'A restore of this deletion is already in progress. A restore of demo-777 is pending since 2026-11-30T09:00:00Z',
    );
  });

  it('lists a failed restore with its attempts and error, newest first', async () => {
    stubServices([[restorePath, () => ({ body: { ...eligible, restores: [succeededRestore, failedRestore] } })]]);
    renderScreen(<EventDetailsView event={deleteEvent} catalog={options} />);
    const history = await screen.findByRole('list', { name: 'Restores asked for' });
    const items = within(history).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('data-state'))).toEqual(['SUCCEEDED', 'FAILED']);
    expect(within(items[1]).getByText(/^Failed at .* after 8 attempts$/)).toBeInTheDocument();
    expect(within(items[1]).getByText('Last error: HTTP 404 from the restore endpoint: no such company')).toBeInTheDocument();
    expect(within(items[1]).getByText(/^Asked by Demo Admin at/)).toBeInTheDocument();
  });
});
