import { describe, expect, it } from 'vitest';
import {
  clearedFilters,
  dayRange,
  eventsQuery,
  exportFilters,
  filtersFromSearch,
  filtersToSearch,
  hasFilters,
  periodDays,
  presetFrom,
  presetOf,
} from './filters';
import { queryString } from '../../api/client';

describe('log filters and the URL', () => {
  const url =
    'view=login-history&from=2026-11-01T00%3A00%3A00Z&to=2026-11-02T00%3A00%3A00Z&category=LOGIN&category=SECURITY&subcategory=LOGIN_FAILED' +
    '&action=LOGIN&actor=ann%40demo.example&actorType=USER&team=sales&objectType=FILE&objectId=f-1&ip=203.0.113.0%2F24&ip=10.0.0.1&q=Plan+26';

  it('reads every service parameter, lists repeated, and writes the same URL back', () => {
    const filters = filtersFromSearch(new URLSearchParams(url));
    expect(filters.category).toEqual(['LOGIN', 'SECURITY']);
    expect(filters.ip).toEqual(['203.0.113.0/24', '10.0.0.1']);
    expect(filters.q).toBe('Plan 26');
    expect(filters.view).toBe('login-history');
    expect(filtersToSearch(filters).toString()).toBe(url);
  });

  it('sends the service exactly the URL parameters (and the staff screen its fixed actor type)', () => {
    const filters = filtersFromSearch(new URLSearchParams(url));
    expect(queryString(eventsQuery(filters))).toBe(`?${url.replace(/&q=Plan\+26/, '')}&q=Plan+26`);
    const staff = eventsQuery(filtersFromSearch(new URLSearchParams('department=SALES&q=x')), { actorType: 'STAFF' });
    expect(staff).toEqual({ actorType: 'STAFF', q: 'x' });
  });

  it('treats "All logs" as no view, ignores unknown and empty parameters', () => {
    const filters = filtersFromSearch(new URLSearchParams('view=all-logs&foo=1&category=&actor=%20'));
    expect(filtersToSearch(filters).toString()).toBe('');
    expect(hasFilters(filters)).toBe(false);
  });

  it('clears the filters but keeps the view', () => {
    const cleared = clearedFilters(filtersFromSearch(new URLSearchParams(url)));
    expect(filtersToSearch(cleared).toString()).toBe('view=login-history');
  });

  it('gives an export the filters a report takes, without view and period', () => {
    expect(exportFilters(filtersFromSearch(new URLSearchParams('view=login-history&from=2026-11-01T00:00:00Z&category=LOGIN&q=x')))).toEqual({
      category: ['LOGIN'],
      q: 'x',
    });
  });

  it('writes presets as a start time and recognises them back', () => {
    const now = new Date('2026-11-30T12:34:56Z');
    expect(presetFrom('7d', now)).toBe('2026-11-23T12:34:00Z');
    expect(presetOf({ from: presetFrom('7d', now), to: '' }, new Date('2026-11-30T13:00:00Z'))).toBe('7d');
    expect(presetOf({ from: presetFrom('24h', now), to: '' }, now)).toBe('24h');
    expect(presetOf({ from: '2026-11-01T00:00:00Z', to: '' }, now)).toBeNull();
    expect(presetOf({ from: presetFrom('7d', now), to: '2026-11-30T00:00:00Z' }, now)).toBeNull();
  });

  it('turns picked days into a whole-day period and back', () => {
    const range = dayRange('2026-11-10', '2026-11-12');
    expect(new Date(range.from).getDate()).toBe(10);
    expect(Date.parse(range.to) - Date.parse(range.from)).toBe(3 * 86_400_000);
    expect(periodDays(range)).toEqual(['2026-11-10', '2026-11-12']);
  });
});
