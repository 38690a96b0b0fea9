import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { catalogOptions } from './data';
import { EventDetailsView } from './EventDetails';
import { reportFromEntry } from './ExportReport';
import { account, catalog, exportEvent, exportJob } from './fixtures';
import { routes, stubServices, type Call } from './testing';

const options = catalogOptions(catalog, account.visibleCategories);
const jobPath = new RegExp(`^/api/v1/exports/${exportJob.id}$`);
// The recorded entry and report ask for 2026-11-20 .. 2026-11-30: "now" is set a day after, within the window.
const NOW = Date.parse('2026-12-01T08:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function renderEntry(event = exportEvent) {
  return renderScreen(routes(<EventDetailsView event={event} catalog={options} />), { route: `/log/${event.id}` });
}

describe("an export entry's report", () => {
  it('shows the files to download while the report is kept, and no regenerate', async () => {
    stubServices([[jobPath, () => ({ body: exportJob })]]);
    renderEntry();
    const section = screen.getByRole('region', { name: 'Report' });
    expect(await within(section).findByRole('button', { name: `Download ${exportJob.files[0].name}` })).toBeInTheDocument();
    expect(within(section).getByText(/^Kept until .*2026/)).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'Open the report' })).toHaveAttribute('href', `/reports/${exportJob.id}`);
    expect(within(section).queryByRole('button', { name: /Regenerate/ })).not.toBeInTheDocument();
  });

  it('says "expired" after expiry and regenerates with the same request, opening the new report', async () => {
    const user = userEvent.setup();
    const calls = stubServices([
      [jobPath, () => ({ body: { ...exportJob, status: 'EXPIRED', files: [], expiresAt: '2026-11-30T07:00:00Z' } })],
      [/^\/api\/v1\/exports$/, () => ({ status: 202, body: { ...exportJob, id: 'new-job', status: 'QUEUED', files: [] } })],
      [/^\/api\/v1\/exports\/new-job$/, () => ({ body: { ...exportJob, id: 'new-job', status: 'QUEUED', files: [] } })],
    ]);
    renderEntry();
    const section = screen.getByRole('region', { name: 'Report' });
    expect(await within(section).findByText('Expired: its files have been deleted.')).toBeInTheDocument();
    expect(within(section).getByText(/^Expired at /)).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: /^Download/ })).not.toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Regenerate the Audit log report' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/reports/new-job'));
    const post = calls.find((c: Call) => c.method === 'POST')!;
    expect(post.body).toEqual({
      type: 'audit-log',
      format: 'csv',
      from: exportJob.from,
      to: exportJob.to,
      timeZone: 'Europe/Copenhagen',
      filters: exportJob.filters,
    });
  });

  it('offers no regenerate once the period began more than 90 days ago, and says why', async () => {
    vi.setSystemTime(Date.parse('2027-03-01T00:00:00Z'));
    stubServices([[jobPath, () => ({ body: { ...exportJob, status: 'EXPIRED', files: [] } })]]);
    renderEntry();
    const section = screen.getByRole('region', { name: 'Report' });
    expect(await within(section).findByText('Its period began more than 90 days ago, so it can no longer be regenerated.')).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: /Regenerate/ })).not.toBeInTheDocument();
  });

  it('says a deleted report (404) no longer exists, and regenerates it when the entry holds its filters', async () => {
    stubServices([[jobPath, () => ({ status: 404, body: { title: 'Not found', status: 404 } })]]);
    renderEntry();
    const section = screen.getByRole('region', { name: 'Report' });
    expect(await within(section).findByText('The report no longer exists: it was deleted, or it is not of this account.')).toBeInTheDocument();
    // An entry written before the export-service recorded filters: rebuilding without them would widen the report.
    expect(within(section).getByText(/does not hold the report's filters/)).toBeInTheDocument();
    expect(within(section).queryByRole('button', { name: /Regenerate/ })).not.toBeInTheDocument();
  });

  it('offers regenerate for a deleted report whose entry holds its filters', async () => {
    stubServices([[jobPath, () => ({ status: 404, body: { title: 'Not found', status: 404 } })]]);
    renderEntry({ ...exportEvent, details: { ...exportEvent.details, filters: {} } });
    const section = screen.getByRole('region', { name: 'Report' });
    expect(await within(section).findByRole('button', { name: 'Regenerate the Audit log report' })).toBeInTheDocument();
  });

  it('rebuilds the request from an entry that holds its filters', () => {
    expect(reportFromEntry(exportEvent)).toBeNull();
    const withFilters = { ...exportEvent, details: { ...exportEvent.details, filters: { category: ['LOGIN'] } } };
    expect(reportFromEntry(withFilters)).toMatchObject({
      id: exportJob.id,
      type: 'audit-log',
      format: 'csv',
      from: '2026-11-20T00:00:00Z',
      timeZone: 'Europe/Copenhagen',
      filters: { category: ['LOGIN'] },
    });
  });
});
