import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderScreen } from '../../test/render';
import { browserTimeZone } from '../../format/time';
import { ReportForm } from './ReportForm';

// 2026-11-30 06:36 UTC; 90 days back is 2026-09-01T06:36Z.
const NOW = Date.parse('2026-11-30T06:36:05Z');

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } });
}

const queued = {
  id: '2ee3deb3-59df-436d-a978-2969a34f1488',
  type: 'content-log',
  format: 'csv',
  status: 'QUEUED',
  from: '2026-11-20T05:00:00Z',
  to: '2026-11-27T05:00:00Z',
  timeZone: 'America/New_York',
  filters: {},
  rowsWritten: 0,
  filesWritten: 0,
  files: [],
  failure: null,
  createdAt: '2026-11-30T06:36:04.555284Z',
  startedAt: null,
  completedAt: null,
  expiresAt: null,
};

const from = () => screen.getByLabelText(/From \(first day\)/) as HTMLInputElement;
const to = () => screen.getByLabelText(/To \(last day\)/) as HTMLInputElement;

describe('the report form', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers the browser zone and the last 7 days, and states the 90-day rule beside the period', () => {
    renderScreen(<ReportForm now={() => NOW} />);
    expect((screen.getAllByLabelText(/Time zone/).find((e) => e.tagName === 'INPUT') as HTMLInputElement).value).toBe(browserTimeZone());
    expect(to().value).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: browserTimeZone() }).format(NOW));
    expect(screen.getByTestId('period-rule')).toHaveTextContent(/Reports cover only the last 90 days: the first day can be .*2026 at the earliest/);
  });

  it('shows the 90-day window and the launch floor beside the field before anything is sent', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderScreen(<ReportForm now={() => NOW} />);
    fireEvent.change(from(), { target: { value: '2026-08-15' } });
    expect(await screen.findByText(/Reports cover only the last 90 days: choose Sep 2, 2026 or later/)).toBeInTheDocument();
    fireEvent.change(from(), { target: { value: '2025-12-20' } });
    expect(await screen.findByText(/Reports cannot start before the feature's launch on Jan 1, 2026/)).toBeInTheDocument();
    fireEvent.change(from(), { target: { value: '2026-11-25' } });
    fireEvent.change(to(), { target: { value: '2026-11-24' } });
    expect(await screen.findByText('The last day must not be before the first day')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Request report' }));
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends the type, the days and the zone as the service reads them', async () => {
    const fetch = vi.fn(async () => json(202, queued));
    vi.stubGlobal('fetch', fetch);
    renderScreen(<ReportForm now={() => NOW} />);
    await userEvent.click(screen.getByRole('radio', { name: /Content log/ }));
    fireEvent.change(from(), { target: { value: '2026-11-20' } });
    fireEvent.change(to(), { target: { value: '2026-11-26' } });
    await userEvent.click(screen.getByRole('button', { name: 'Request report' }));
    await waitFor(() => expect(fetch).toHaveBeenCalledTimes(1));
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/exports');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer test-token');
    expect(JSON.parse(init.body as string)).toEqual({ type: 'content-log', format: 'csv', from: '2026-11-20', to: '2026-11-27', timeZone: browserTimeZone() });
  });

  it("shows the service's reasons beside the fields they name", async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        json(400, {
          title: 'Invalid request',
          status: 400,
          detail: 'from: reports cover only the last 60 days (from 2026-10-01T06:36:05Z)',
          errors: [{ field: 'from', reason: 'reports cover only the last 60 days (from 2026-10-01T06:36:05Z)' }],
        }),
      ),
    );
    renderScreen(<ReportForm now={() => NOW} />);
    fireEvent.change(from(), { target: { value: '2026-09-20' } });
    await userEvent.click(screen.getByRole('button', { name: 'Request report' }));
    const reason = await screen.findByText('reports cover only the last 60 days (from 2026-10-01T06:36:05Z)');
    expect(from()).toHaveAttribute('aria-invalid', 'true');
    expect(from().getAttribute('aria-describedby')).toContain(reason.id);
  });
});
