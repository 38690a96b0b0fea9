import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderScreen } from '../../test/render';
import ReportsPage from './ReportsPage';
import { ReportList } from './ReportList';

// Shapes as the export-service answers them (GET /api/v1/exports lists no files; GET /api/v1/exports/{id} does).
const base = {
  format: 'csv',
  filters: {},
  failure: null,
  files: [],
  startedAt: '2026-11-30T06:36:05.026303Z',
};
const running = {
  ...base,
  id: '11111111-59df-436d-a978-2969a34f1488',
  type: 'audit-log',
  status: 'RUNNING',
  from: '2026-11-01T00:00:00Z',
  to: '2026-11-30T06:36:06.338633Z',
  timeZone: 'Europe/Copenhagen',
  rowsWritten: 1234,
  filesWritten: 1,
  createdAt: '2026-11-30T06:36:04.555284Z',
  completedAt: null,
  expiresAt: null,
};
const completed = {
  ...base,
  id: '2ee3deb3-59df-436d-a978-2969a34f1488',
  type: 'content-log',
  status: 'COMPLETED',
  from: '2026-11-20T05:00:00Z',
  to: '2026-11-27T05:00:00Z',
  timeZone: 'America/New_York',
  rowsWritten: 32,
  filesWritten: 1,
  createdAt: '2026-11-30T06:36:04.994245Z',
  completedAt: '2026-11-30T06:36:05.259385Z',
  expiresAt: '2026-12-07T06:36:05.259385Z',
};
const completedFiles = [
  { number: 1, name: `content-log-${completed.id}-1.csv`, rows: 32, bytes: 5672, url: `/api/v1/exports/${completed.id}/files/1` },
];
const expired = {
  ...base,
  id: 'e5d485e6-dc3b-43da-a222-08c3fef6d61f',
  type: 'audit-log',
  status: 'EXPIRED',
  from: '2026-11-10T00:00:00Z',
  to: '2026-11-12T00:00:00Z',
  timeZone: 'Europe/Copenhagen',
  filters: { actor: ['u-ann'], category: ['LOGIN'] },
  rowsWritten: 11,
  filesWritten: 1,
  createdAt: '2026-11-12T06:36:06.362665Z',
  completedAt: '2026-11-12T06:36:06.413650Z',
  expiresAt: '2026-11-19T06:36:06.413650Z',
};

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' } });
}

type Call = { url: string; init: RequestInit };
let calls: Call[];

function stubService(routes: (call: Call) => Response | undefined) {
  calls = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const call = { url, init };
      calls.push(call);
      const answer = routes(call);
      if (!answer) throw new Error(`unexpected ${init.method} ${url}`);
      return answer;
    }),
  );
}

const row = (id: string) => document.querySelector(`tr[data-report-id="${id}"]`) as HTMLElement;

describe('the list of reports', () => {
  beforeEach(() => {
    URL.createObjectURL = vi.fn(() => 'blob:report');
    URL.revokeObjectURL = vi.fn();
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows progress while running, files with size and download when completed, and regenerate after expiry', async () => {
    stubService(({ url, init }) => {
      if (init.method === 'GET' && url === '/api/v1/exports?limit=20') return json(200, { items: [running, completed, expired], nextCursor: null });
      if (init.method === 'GET' && url === `/api/v1/exports/${completed.id}`) return json(200, { ...completed, files: completedFiles });
      if (init.method === 'GET' && url === completedFiles[0].url)
        return new Response('Action,Date\r\n', { status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': `attachment; filename="${completedFiles[0].name}"` } });
      if (init.method === 'POST' && url === '/api/v1/exports') return json(202, { ...expired, id: '99999999-59df-436d-a978-2969a34f1488', status: 'QUEUED' });
      // The requests as the export-service records them in the audit log (one query for the list's period).
      if (init.method === 'GET' && url.startsWith('/api/v1/events?category=EXPORT&objectType=EXPORT_JOB&from=2026-11-12T06%3A36%3A05.362Z&to=2026-11-30T06%3A36%3A05.994Z&limit=500'))
        return json(200, {
          items: [
            {
              id: `export-${completed.id}`,
              category: 'EXPORT',
              actor: { id: 'e27577b6-1bdb-4ae3-8fdd-5319d72774d8', email: 'admin@demo.example', name: null, type: 'USER' },
              object: { type: 'EXPORT_JOB', id: completed.id, name: 'content-log 2026-11-20T05:00:00Z to 2026-11-27T05:00:00Z' },
            },
          ],
          nextCursor: null,
        });
      return undefined;
    });
    renderScreen(<ReportList />);

    await screen.findByText('1,234 rows, 1 file so far');
    expect(within(row(running.id)).getByText('Running')).toBeInTheDocument();
    expect(within(row(running.id)).queryByRole('button', { name: /Download/ })).toBeNull();

    const download = await within(row(completed.id)).findByRole('button', { name: `Download ${completedFiles[0].name}` });
    expect(within(row(completed.id)).getByText('Ready')).toBeInTheDocument();
    expect(within(row(completed.id)).getByText(/5\.5 kB/)).toBeInTheDocument();
    expect(within(row(completed.id)).getByText('America/New_York')).toBeInTheDocument();
    expect(await within(row(completed.id)).findByText('by admin@demo.example')).toBeInTheDocument();
    // [20 Nov 00:00, 27 Nov 00:00) in New York: the days 20 to 26 November.
    expect(within(row(completed.id)).getByText('Nov 20, 2026 – Nov 26, 2026')).toBeInTheDocument();
    await userEvent.click(download);
    await waitFor(() => expect(calls.some((c) => c.url === completedFiles[0].url)).toBe(true));
    const fileCall = calls.find((c) => c.url === completedFiles[0].url)!;
    expect((fileCall.init.headers as Record<string, string>).Authorization).toBe('Bearer test-token');
    expect(URL.createObjectURL).toHaveBeenCalled();

    expect(within(row(expired.id)).getByText('Expired')).toBeInTheDocument();
    expect(within(row(expired.id)).getByText('Deleted at expiry')).toBeInTheDocument();
    expect(within(row(running.id)).queryByRole('button', { name: /Regenerate/ })).toBeNull();
    await userEvent.click(within(row(expired.id)).getByRole('button', { name: 'Regenerate the Audit log report' }));
    await waitFor(() => expect(calls.some((c) => c.init.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.init.method === 'POST')!;
    expect(JSON.parse(post.init.body as string)).toEqual({
      type: 'audit-log',
      format: 'csv',
      from: '2026-11-10T00:00:00Z',
      to: '2026-11-12T00:00:00Z',
      timeZone: 'Europe/Copenhagen',
      filters: { actor: ['u-ann'], category: ['LOGIN'] },
    });
  });

  it('pages on with the cursor and deletes after confirmation', async () => {
    stubService(({ url, init }) => {
      if (init.method === 'GET' && url === '/api/v1/exports?limit=20') return json(200, { items: [expired], nextCursor: 'next-page' });
      if (init.method === 'GET' && url === '/api/v1/exports?limit=20&cursor=next-page') return json(200, { items: [{ ...expired, id: 'aaaaaaaa-59df-436d-a978-2969a34f1488' }], nextCursor: null });
      if (init.method === 'DELETE' && url === `/api/v1/exports/${expired.id}`) return new Response(null, { status: 204 });
      return undefined;
    });
    renderScreen(<ReportList />);
    await userEvent.click(await screen.findByRole('button', { name: 'Load more reports' }));
    await waitFor(() => expect(row('aaaaaaaa-59df-436d-a978-2969a34f1488')).not.toBeNull());
    expect(screen.queryByRole('button', { name: 'Load more reports' })).toBeNull();

    await userEvent.click(within(row(expired.id)).getByRole('button', { name: 'Delete the Audit log report' }));
    expect(calls.some((c) => c.init.method === 'DELETE')).toBe(false);
    await userEvent.click(await screen.findByRole('button', { name: 'Delete report' }));
    await waitFor(() => expect(calls.some((c) => c.init.method === 'DELETE' && c.url === `/api/v1/exports/${expired.id}`)).toBe(true));
  });

  it('shows the empty state', async () => {
    stubService(({ url }) => (url === '/api/v1/exports?limit=20' ? json(200, { items: [], nextCursor: null }) : undefined));
    renderScreen(<ReportList />);
    expect(await screen.findByText('No reports yet')).toBeInTheDocument();
  });
});

describe('a report opened by its link', () => {
  afterEach(() => vi.unstubAllGlobals());
  const page = (
    <Routes>
      <Route path="/reports/:reportId" element={<ReportsPage />} />
    </Routes>
  );

  it('is found by id, whatever page of the list it is on', async () => {
    stubService(({ url }) => {
      if (url === '/api/v1/exports?limit=20') return json(200, { items: [running], nextCursor: 'more' });
      if (url === `/api/v1/exports/${completed.id}`) return json(200, { ...completed, files: completedFiles });
      return undefined;
    });
    renderScreen(page, { route: `/reports/${completed.id}` });
    const detail = (await screen.findByRole('heading', { name: 'Report', level: 2 })).closest('section') as HTMLElement;
    expect(await within(detail).findByRole('button', { name: `Download ${completedFiles[0].name}` })).toBeInTheDocument();
    expect(within(detail).getByText('32 rows in 1 file')).toBeInTheDocument();
  });

  it('says so when there is no such report', async () => {
    stubService(({ url }) => {
      if (url === '/api/v1/exports?limit=20') return json(200, { items: [], nextCursor: null });
      if (url === '/api/v1/exports/00000000-0000-0000-0000-000000000000')
        return json(404, { title: 'Not found', status: 404, detail: 'No export 00000000-0000-0000-0000-000000000000 in this account' });
      return undefined;
    });
    renderScreen(page, { route: '/reports/00000000-0000-0000-0000-000000000000' });
    expect(await screen.findByText('Report not found')).toBeInTheDocument();
  });
});
