import { describe, expect, it } from 'vitest';
import { logUrl, queryParameters } from './logLink';

describe("a count's log link", () => {
  it('keeps every parameter of the events query, repeated ones in order', () => {
    expect(logUrl('/api/v1/events?from=2026-10-31T23:00:00Z&to=2026-11-01T23:00:00Z&action=DELETE&action=PERMANENT_DELETE')).toBe(
      '/log?from=2026-10-31T23%3A00%3A00Z&to=2026-11-01T23%3A00%3A00Z&action=DELETE&action=PERMANENT_DELETE',
    );
    const login = logUrl('/api/v1/events?from=2026-10-31T23:00:00Z&to=2026-11-01T23:00:00Z&category=LOGIN&subcategory=LOGIN_SUCCEEDED');
    expect(queryParameters(login)).toEqual({
      from: ['2026-10-31T23:00:00Z'],
      to: ['2026-11-01T23:00:00Z'],
      category: ['LOGIN'],
      subcategory: ['LOGIN_SUCCEEDED'],
    });
  });

  it('decodes and re-encodes values the service encoded (an object id with a space, an actor with @)', () => {
    const url = logUrl('/api/v1/events?from=2026-10-31T23:00:00Z&to=2026-11-30T23:00:00Z&objectType=FILE&objectId=Plan+58.pdf&actor=ann%40demo.example');
    expect(queryParameters(url)).toMatchObject({ objectType: ['FILE'], objectId: ['Plan 58.pdf'], actor: ['ann@demo.example'] });
  });

  it('leaves out paging, which belongs to a request and not to the view', () => {
    expect(logUrl('/api/v1/events?category=LOGIN&limit=50&cursor=abc')).toBe('/log?category=LOGIN');
    expect(logUrl('/api/v1/events')).toBe('/log');
  });

  it('refuses a query of another API rather than open a wrong view', () => {
    expect(() => logUrl('/api/v1/exports?limit=1')).toThrow(/not an audit-log query/);
  });
});
