import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { renderScreen } from '../../test/render';
import AnalyzePage, { periodRange } from './AnalyzePage';
import { tickLabel } from './charts';

const q = (filters: string) => `/api/v1/events?from=2026-10-31T23:00:00Z&to=2026-11-30T23:00:00Z${filters}`;
const count = (n: number, filters: string) => ({ count: n, query: q(filters) });

// Shapes as the analytics-service answers (one day for brevity).
const summary = {
  tz: 'UTC',
  from: '2026-11-01',
  to: '2026-12-01',
  days: [
    {
      date: '2026-11-01',
      from: '2026-10-31T23:00:00Z',
      to: '2026-11-01T23:00:00Z',
      logins: count(11, '&category=LOGIN'),
      deletions: count(1, '&action=DELETE&action=PERMANENT_DELETE'),
      exports: count(1, '&category=EXPORT'),
      reports: count(0, '&category=REPORT'),
    },
  ],
  totals: {
    logins: count(244, '&category=LOGIN'),
    deletions: count(51, '&action=DELETE&action=PERMANENT_DELETE'),
    exports: count(31, '&category=EXPORT'),
    reports: count(30, '&category=REPORT'),
  },
};
function series(groupBy: string, totals: [string, number, string][]) {
  return {
    groupBy,
    interval: 'day',
    tz: 'UTC',
    from: '2026-11-01',
    to: '2026-12-01',
    filters: {},
    buckets: [],
    totals: totals.map(([key, n, filters]) => ({ key, ...count(n, filters) })),
  };
}

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

describe('Analyze', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('takes the last N days including today, in the zone', () => {
    expect(periodRange(30, Date.parse('2026-11-30T23:30:00Z'), 'Europe/Copenhagen')).toEqual({ from: '2026-11-02', to: '2026-12-02' });
    expect(periodRange(7, Date.parse('2026-11-30T23:30:00Z'), 'UTC')).toEqual({ from: '2026-11-24', to: '2026-12-01' });
  });

  it("keeps the start of a bar's label word too wide for the axis, and leaves the others whole", () => {
    expect(tickLabel('f3a1b2c3-6c1f-4e0b-9a51-2f7d5c6b1a01')).toBe('f3a1b2c3-6c1f-4e0b-9a51-2\u2026');
    expect(tickLabel("Changed a collaborator's role")).toBe("Changed a collaborator's role");
    expect(tickLabel('ann@demo.example')).toBe('ann@demo.example');
    expect(tickLabel('26-characters-exactly-abcd')).toBe('26-characters-exactly-abcd');
  });

  it('shows the tiles and charts, and a count opens the log with exactly its events', async () => {
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        urls.push(url);
        const body = url.startsWith('/api/v1/analytics/summary')
          ? summary
          : url.includes('groupBy=category')
            ? series('category', [['LOGIN', 244, '&category=LOGIN'], ['SECURITY', 52, '&category=SECURITY']])
            : url.startsWith('/api/v1/analytics/series')
              ? series('x', [])
              : url.startsWith('/api/v1/analytics/top-actors')
                ? { dimension: 'actor', tz: 'UTC', from: '2026-11-01', to: '2026-12-01', items: [{ actor: 'u-cy', ...count(126, '&actor=u-cy') }] }
                : url === '/api/v1/catalog'
                  ? { categories: [{ code: 'LOGIN', label: 'Login', subcategories: [], actions: [] }, { code: 'SECURITY', label: 'Security activity', subcategories: [], actions: [] }], actorTypes: [], departments: [], itemTypes: [], builtInViews: [] }
                  : null;
        return new Response(JSON.stringify(body), { status: body ? 200 : 404, headers: { 'Content-Type': 'application/json' } });
      }),
    );
    renderScreen(
      <Routes>
        <Route path="/analyze" element={<AnalyzePage />} />
        <Route path="/log" element={<Where />} />
      </Routes>,
      { route: '/analyze?days=7' },
    );
    const logins = await screen.findByTestId('tile-logins');
    expect(within(logins).getByRole('link', { name: 'Logins: 244 in the period, open them in the audit log' })).toHaveAttribute(
      'href',
      '/log?from=2026-10-31T23%3A00%3A00Z&to=2026-11-30T23%3A00%3A00Z&category=LOGIN',
    );
    // The period asked for: 7 days ending today, in the browser's zone.
    await waitFor(() => expect(urls.some((u) => u.startsWith('/api/v1/analytics/series?groupBy=category'))).toBe(true));
    const range = periodRange(7, Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(urls).toContain(`/api/v1/analytics/summary?from=${range.from}&to=${range.to}&tz=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)}`);

    const categories = screen.getByRole('heading', { name: 'By category' }).closest('section') as HTMLElement;
    await userEvent.click(within(categories).getByRole('button', { name: 'Show the data as a table' }));
    const security = within(categories).getByRole('link', { name: 'Security activity: 52, open them in the audit log' });
    await userEvent.click(security);
    expect(await screen.findByTestId('where')).toHaveTextContent('/log?from=2026-10-31T23%3A00%3A00Z&to=2026-11-30T23%3A00%3A00Z&category=SECURITY');
  });

  it('says when the plan does not include Analyze', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ title: 'Forbidden', status: 403, detail: 'Analyze is on the Enterprise plan' }), { status: 403, headers: { 'Content-Type': 'application/problem+json' } })),
    );
    renderScreen(
      <Routes>
        <Route path="/analyze" element={<AnalyzePage />} />
      </Routes>,
      { route: '/analyze' },
    );
    expect(await screen.findByText('Analyze is part of the Enterprise plan')).toBeInTheDocument();
  });
});
