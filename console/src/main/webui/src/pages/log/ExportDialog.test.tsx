import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Notifications } from '@mantine/notifications';
import { renderScreen } from '../../test/render';
import { ExportDialog, exportRequest } from './ExportDialog';
import { filtersFromSearch } from './filters';
import { exportJob } from './fixtures';
import { routes, stubServices } from './testing';

afterEach(() => {
  vi.unstubAllGlobals();
});

const filters = filtersFromSearch(
  new URLSearchParams('view=login-history&from=2026-11-20T00:00:00Z&category=LOGIN&actor=u-ann&ip=203.0.113.0/24&q=Plan'),
);

describe('export this view', () => {
  it('asks for an audit-log report with the filters, the view, the period and the time zone', () => {
    expect(exportRequest(filters, 'ndjson', 'Europe/Oslo')).toEqual({
      type: 'audit-log',
      format: 'ndjson',
      timeZone: 'Europe/Oslo',
      from: '2026-11-20T00:00:00Z',
      filters: { category: ['LOGIN'], actor: ['u-ann'], ip: ['203.0.113.0/24'], q: 'Plan' },
      viewId: 'login-history',
    });
    // No filters, no period: the export-service's default period, nothing else.
    expect(exportRequest(filtersFromSearch(new URLSearchParams('')), 'csv', 'UTC')).toEqual({ type: 'audit-log', format: 'csv', timeZone: 'UTC' });
  });

  it('posts the chosen format and shows a toast with a link to the report', async () => {
    const user = userEvent.setup();
    const calls = stubServices([[/^\/api\/v1\/exports$/, () => ({ status: 202, body: exportJob, headers: { Location: `/api/v1/exports/${exportJob.id}` } })]]);
    const onClose = vi.fn();
    renderScreen(
      <>
        <Notifications />
        {routes(<ExportDialog opened onClose={onClose} filters={filters} />)}
      </>,
      { route: '/log' },
    );
    await user.click(screen.getByRole('radio', { name: /NDJSON/ }));
    await user.click(screen.getByRole('button', { name: 'Start export' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.url.pathname).toBe('/api/v1/exports');
    expect(post.body).toMatchObject({ type: 'audit-log', format: 'ndjson', viewId: 'login-history', filters: { category: ['LOGIN'] } });
    expect(await screen.findByText('Export started')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'Open the report in Reports' }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/reports/${exportJob.id}`));
  });

  it("shows the export-service's reasons in the dialog when it refuses", async () => {
    const user = userEvent.setup();
    const reason = 'reports cover only the last 90 days (from 2026-09-01T06:00:00Z)';
    stubServices([
      [
        /^\/api\/v1\/exports$/,
        () => ({ status: 400, body: { title: 'Invalid request', status: 400, detail: `from: ${reason}`, errors: [{ field: 'from', reason }] } }),
      ],
    ]);
    const onClose = vi.fn();
    renderScreen(routes(<ExportDialog opened onClose={onClose} filters={filters} />), { route: '/log' });
    await user.click(screen.getByRole('button', { name: 'Start export' }));
    expect(await screen.findByText('The export was not started')).toBeInTheDocument();
    expect(screen.getAllByText(new RegExp(reason.replace(/[()]/g, '\\$&'))).length).toBeGreaterThan(0);
    expect(onClose).not.toHaveBeenCalled();
  });
});
