import { describe, expect, it, vi, beforeEach } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { renderScreen } from '../../test/render';
import NotificationsPage from './NotificationsPage';
import { NotificationBell } from './NotificationBell';
import { consoleTarget, type NotificationView } from './api';

// As the notification-service answers GET /api/v1/notifications (links still the services' API URLs, as before
// the console existed; the console derives its own pages from them).
const alert: NotificationView = {
  id: '42fa9bbc-c739-4d69-93e1-3fa51030cfbc',
  kind: 'admin-permission-removed',
  title: 'Admin permission removed',
  summary: 'Nina Sand <ns@demo.example> removed the admin permission of Probe User (u-probe).',
  link: 'http://localhost:8081/api/v1/events/ns-probe-26332',
  eventId: 'ns-probe-26332',
  occurredAt: '2026-11-30T06:36:49Z',
  createdAt: '2026-11-30T06:36:49.358114Z',
  read: false,
  readAt: null,
};
const exportReady: NotificationView = {
  id: '6eaf6aa3-2540-4cda-beec-0c14867924fc',
  kind: 'export-ready',
  title: 'Your export is ready',
  summary: 'The report you requested is ready to download for the next days.',
  link: 'http://localhost:8082/api/v1/exports/e5d485e6-dc3b-43da-a222-08c3fef6d61f',
  eventId: null,
  occurredAt: '2026-11-30T06:36:06.413650Z',
  createdAt: '2026-11-30T06:36:06.425940Z',
  read: true,
  readAt: '2026-11-30T06:40:00.000000Z',
};
const multipleExports: NotificationView = {
  id: '7d0c2b1e-2f55-4a3e-9a51-0c3c1f1f9d10',
  kind: 'multiple-exports',
  title: 'Multiple exports',
  summary: '11 export actions were logged on 2026-11-29 (UTC), more than the threshold of 10 a day.',
  link: 'http://localhost:8081/api/v1/events?action=EXPORT&from=2026-11-29T00%3A00%3A00Z&to=2026-11-30T00%3A00%3A00Z',
  eventId: null,
  occurredAt: '2026-11-29T00:00:00Z',
  createdAt: '2026-11-29T15:02:11.120000Z',
  read: false,
  readAt: null,
};

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

function stub(pages: { items: NotificationView[]; nextCursor: string | null }[], unreadCount = 2) {
  const fetchMock = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input), 'http://console.test');
    const method = init?.method ?? 'GET';
    if (method === 'GET' && url.pathname === '/api/v1/notifications') {
      if (url.searchParams.get('limit') === '1') return json(200, { items: pages[0].items.slice(0, 1), unreadCount, nextCursor: null });
      const index = url.searchParams.get('cursor') ? Number(url.searchParams.get('cursor')) : 0;
      return json(200, { ...pages[index], unreadCount });
    }
    const one = /^\/api\/v1\/notifications\/([^/]+)\/read$/.exec(url.pathname);
    if (method === 'POST' && one) {
      unreadCount -= 1;
      const found = pages.flatMap((p) => p.items).find((n) => n.id === decodeURIComponent(one[1]))!;
      return json(200, { ...found, read: true, readAt: '2026-11-30T07:00:00Z' });
    }
    if (method === 'POST' && url.pathname === '/api/v1/notifications/read') {
      const marked = unreadCount;
      unreadCount = 0;
      return json(200, { marked });
    }
    return json(404, { title: 'Not Found', status: 404 });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const calls = (fetchMock: ReturnType<typeof stub>) =>
  fetchMock.mock.calls.map(([input, init]) => `${init?.method ?? 'GET'} ${String(input)}`);

function Where() {
  const location = useLocation();
  return <p data-testid="where">{location.pathname + location.search}</p>;
}

function withRoutes() {
  return (
    <>
      <NotificationBell />
      <Routes>
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="*" element={<Where />} />
      </Routes>
    </>
  );
}

describe('where a notification leads in the console', () => {
  it('an alert to its log entry, a ready report to the report, multiple exports to that day in the log', () => {
    expect(consoleTarget(alert)).toEqual({ to: '/log/ns-probe-26332', kind: 'logEntry' });
    expect(consoleTarget(exportReady)).toEqual({ to: '/reports/e5d485e6-dc3b-43da-a222-08c3fef6d61f', kind: 'report' });
    expect(consoleTarget(multipleExports)).toEqual({
      to: '/log?action=EXPORT&from=2026-11-29T00%3A00%3A00Z&to=2026-11-30T00%3A00%3A00Z',
      kind: 'logFiltered',
    });
    // Once the services link to the console's own pages, the same pages come out.
    expect(consoleTarget({ ...exportReady, link: 'http://localhost:8080/reports/e5d485e6' })?.to).toBe('/reports/e5d485e6');
    // A mention (the notification-service's link names the comment) opens the entry with its thread.
    const mention = { ...alert, kind: 'mention', link: 'http://localhost:8080/log/ns-probe-26332?comment=6a3c1f0e-0000-4000-8000-000000000001' };
    expect(consoleTarget(mention)).toEqual({ to: '/log/ns-probe-26332?comment=6a3c1f0e-0000-4000-8000-000000000001', kind: 'logEntry' });
    expect(consoleTarget({ ...alert, link: 'http://localhost:8080/log/ns-probe-26332?comment=x' })?.to).toBe('/log/ns-probe-26332');
    expect(consoleTarget({ ...multipleExports, link: null })?.to).toBe(
      '/log?action=EXPORT&from=2026-11-29T00%3A00%3A00.000Z&to=2026-11-30T00%3A00%3A00.000Z',
    );
  });
});

describe('the notifications list', () => {
  beforeEach(() => vi.unstubAllGlobals());

  it('shows each notification with its kind, text, time with the zone, state and link', async () => {
    stub([{ items: [alert, exportReady, multipleExports], nextCursor: null }]);
    renderScreen(withRoutes(), { route: '/notifications' });
    const items = await screen.findAllByTestId('notification');
    expect(items).toHaveLength(3);

    const first = within(items[0]);
    expect(first.getByRole('heading', { name: 'Admin permission removed' })).toBeInTheDocument();
    expect(first.getByText(alert.summary)).toBeInTheDocument();
    expect(first.getByText('Unread')).toBeInTheDocument();
    expect(first.getByRole('link', { name: 'Open the log entry' })).toHaveAttribute('href', '/log/ns-probe-26332');
    const time = items[0].querySelector('time')!;
    expect(time).toHaveAttribute('datetime', alert.createdAt);
    expect(time.textContent).toMatch(/2026/);
    expect(time.textContent).toMatch(/(UTC|GMT|[A-Z]{3,4})$/);

    expect(within(items[1]).getByRole('heading', { name: 'Your report is ready' })).toBeInTheDocument();
    expect(within(items[1]).getByText('Read')).toBeInTheDocument();
    expect(within(items[1]).getByRole('link', { name: 'Open the report' })).toHaveAttribute('href', '/reports/e5d485e6-dc3b-43da-a222-08c3fef6d61f');
    expect(within(items[1]).queryByRole('button', { name: /Mark as read/ })).not.toBeInTheDocument();
    expect(within(items[2]).getByRole('link', { name: 'See the exports of that day' })).toHaveAttribute(
      'href',
      '/log?action=EXPORT&from=2026-11-29T00%3A00%3A00Z&to=2026-11-30T00%3A00%3A00Z',
    );
    expect(screen.getByText('2 unread')).toBeInTheDocument();
  });

  it('marks one read: posts for that id, shows it read and the bell counts one less', async () => {
    const fetchMock = stub([{ items: [alert, exportReady, multipleExports], nextCursor: null }]);
    renderScreen(withRoutes(), { route: '/notifications' });
    expect(await screen.findByRole('link', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Mark as read: Admin permission removed' }));

    await waitFor(() => expect(screen.getByRole('link', { name: 'Notifications, 1 unread' })).toBeInTheDocument());
    expect(calls(fetchMock)).toContain(`POST /api/v1/notifications/${alert.id}/read`);
    const first = screen.getAllByTestId('notification')[0];
    expect(first).toHaveAttribute('data-read', 'true');
    expect(within(first).getByText('Read')).toBeInTheDocument();
    expect(screen.getByText('1 unread')).toBeInTheDocument();
  });

  it('opening an unread one marks it read and goes to its console page', async () => {
    const fetchMock = stub([{ items: [alert, exportReady, multipleExports], nextCursor: null }]);
    renderScreen(withRoutes(), { route: '/notifications' });
    await userEvent.click(await screen.findByRole('link', { name: 'Open the log entry' }));
    expect(await screen.findByTestId('where')).toHaveTextContent('/log/ns-probe-26332');
    await waitFor(() => expect(calls(fetchMock)).toContain(`POST /api/v1/notifications/${alert.id}/read`));
    await waitFor(() => expect(screen.getByRole('link', { name: 'Notifications, 1 unread' })).toBeInTheDocument());
  });

  it('opening a read one does not post again', async () => {
    const fetchMock = stub([{ items: [exportReady], nextCursor: null }], 0);
    renderScreen(withRoutes(), { route: '/notifications' });
    await userEvent.click(await screen.findByRole('link', { name: 'Open the report' }));
    expect(await screen.findByTestId('where')).toHaveTextContent('/reports/e5d485e6-dc3b-43da-a222-08c3fef6d61f');
    expect(calls(fetchMock).filter((c) => c.startsWith('POST'))).toEqual([]);
  });

  it('filters to unread ones, loads more with the cursor, and marks all read', async () => {
    const fetchMock = stub([
      { items: [alert], nextCursor: '1' },
      { items: [multipleExports], nextCursor: null },
    ]);
    renderScreen(withRoutes(), { route: '/notifications' });
    await screen.findAllByTestId('notification');
    await userEvent.click(screen.getByRole('radio', { name: 'Unread' }));
    await waitFor(() => expect(calls(fetchMock)).toContain('GET /api/v1/notifications?limit=20&unread=true'));

    await userEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('notification')).toHaveLength(2));
    expect(calls(fetchMock)).toContain('GET /api/v1/notifications?limit=20&unread=true&cursor=1');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Mark all as read' }));
    expect(await screen.findByText('2 notifications marked as read')).toBeInTheDocument();
    expect(calls(fetchMock)).toContain('POST /api/v1/notifications/read');
    await waitFor(() => expect(screen.getByRole('link', { name: 'Notifications, 0 unread' })).toBeInTheDocument());
  });

  it('moves between notifications with the arrow keys, Home and End', async () => {
    stub([{ items: [alert, exportReady, multipleExports], nextCursor: null }]);
    renderScreen(withRoutes(), { route: '/notifications' });
    const first = await screen.findByRole('link', { name: 'Open the log entry' });
    first.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: 'Open the report' })).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(screen.getByRole('link', { name: 'See the exports of that day' })).toHaveFocus();
    await userEvent.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: 'See the exports of that day' })).toHaveFocus();
    await userEvent.keyboard('{Home}');
    expect(first).toHaveFocus();
  });

  it('says when there is nothing, and when the service fails', async () => {
    stub([{ items: [], nextCursor: null }], 0);
    renderScreen(<NotificationsPage />, { route: '/notifications' });
    expect(await screen.findByText('No notifications yet')).toBeInTheDocument();

    vi.stubGlobal('fetch', vi.fn(async () => json(503, { title: 'Service Unavailable', status: 503 })));
    renderScreen(<NotificationsPage />, { route: '/notifications?unread=true' });
    expect(await screen.findByText('The service is not available right now; try again in a moment')).toBeInTheDocument();
  });
});
