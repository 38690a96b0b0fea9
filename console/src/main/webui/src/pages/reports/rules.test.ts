import { describe, expect, it } from 'vitest';
import { addDays, bounds, dateInZone, regenerateBody, requestBody, startOfDay, validate, withinWindow, type ReportForm } from './rules';
import type { Report } from './types';

// 2026-11-30 06:36 UTC: 01:36 in New York, 07:36 in Copenhagen, 19:36 in Auckland.
const NOW = Date.parse('2026-11-30T06:36:05Z');

const form = (over: Partial<ReportForm> = {}): ReportForm => ({
  type: 'content-log',
  format: 'csv',
  from: '2026-11-20',
  to: '2026-11-26',
  timeZone: 'America/New_York',
  ...over,
});

describe('the zone arithmetic', () => {
  it('finds midnight of a date in a zone, across daylight saving changes', () => {
    expect(new Date(startOfDay('2026-11-20', 'America/New_York')).toISOString()).toBe('2026-11-20T05:00:00.000Z');
    expect(new Date(startOfDay('2026-07-01', 'America/New_York')).toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(new Date(startOfDay('2026-03-29', 'Europe/Copenhagen')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfDay('2026-03-30', 'Europe/Copenhagen')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(new Date(startOfDay('2026-11-20', 'Asia/Kolkata')).toISOString()).toBe('2026-11-19T18:30:00.000Z');
  });

  it('names the date of a moment in a zone', () => {
    expect(dateInZone(NOW, 'America/New_York')).toBe('2026-11-30');
    expect(dateInZone(Date.parse('2026-11-30T04:00:00Z'), 'America/New_York')).toBe('2026-11-29');
    expect(dateInZone(NOW, 'Pacific/Auckland')).toBe('2026-11-30');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});

describe('the 90-day window and the launch floor', () => {
  it('takes the earliest first day whose midnight in the zone is within the last 90 days', () => {
    // 90 days before now is 2026-09-01T06:36Z: 02:36 in New York, so 1 September is out and 2 September the first.
    expect(bounds(NOW, 'America/New_York')).toEqual({ earliest: '2026-09-02', latest: '2026-11-30', limitedBy: 'lookback' });
    // In Auckland it is already 18:36 on 1 September: the same.
    expect(bounds(NOW, 'Pacific/Auckland').earliest).toBe('2026-09-02');
    expect(validate(form({ from: '2026-09-02' }), NOW)).toEqual({});
    expect(validate(form({ from: '2026-09-01' }), NOW)).toEqual({
      from: { key: 'form.errors.lookback', values: { days: 90, earliest: '2026-09-02' } },
    });
  });

  it('refuses a period that starts before the launch, with the launch date', () => {
    const early = Date.parse('2026-02-10T12:00:00Z');
    expect(bounds(early, 'UTC')).toEqual({ earliest: '2026-01-01', latest: '2026-02-10', limitedBy: 'launch' });
    expect(validate(form({ from: '2025-12-31', to: '2026-01-05', timeZone: 'UTC' }), early).from).toEqual({
      key: 'form.errors.beforeLaunch',
      values: { launch: '2026-01-01' },
    });
    // Midnight of 1 January in New York is 05:00 UTC, after the launch: allowed.
    expect(validate(form({ from: '2026-01-01', to: '2026-01-05', timeZone: 'America/New_York' }), early)).toEqual({});
    // Midnight of 1 January in Copenhagen is 23:00 UTC the day before: refused, as the service does.
    expect(validate(form({ from: '2026-01-01', to: '2026-01-05', timeZone: 'Europe/Copenhagen' }), early).from?.key).toBe('form.errors.beforeLaunch');
  });

  it('refuses days in the future, a last day before the first, missing dates and an unknown zone', () => {
    expect(validate(form({ to: '2026-12-01' }), NOW).to?.key).toBe('form.errors.future');
    // 01:36 on the 30th in New York: the 30th is today there; in Los Angeles it is still the 29th.
    expect(validate(form({ to: '2026-11-30' }), NOW)).toEqual({});
    expect(validate(form({ from: '2026-11-30', to: '2026-11-30', timeZone: 'America/Los_Angeles' }), NOW).from?.key).toBe('form.errors.future');
    expect(validate(form({ from: '2026-11-25', to: '2026-11-24' }), NOW).to?.key).toBe('form.errors.toBeforeFrom');
    expect(validate(form({ from: '' }), NOW).from?.key).toBe('form.errors.fromRequired');
    expect(validate(form({ to: '' }), NOW).to?.key).toBe('form.errors.toRequired');
    expect(validate(form({ timeZone: 'Mars/Olympus' }), NOW).timeZone?.key).toBe('form.errors.timeZone');
    expect(validate(form({ timeZone: '' }), NOW).timeZone?.key).toBe('form.errors.timeZone');
  });
});

describe('the request', () => {
  it('sends the days as dates in the zone, the last day included by ending at the next midnight', () => {
    expect(requestBody(form())).toEqual({ type: 'content-log', format: 'csv', from: '2026-11-20', to: '2026-11-27', timeZone: 'America/New_York' });
  });

  it('regenerates with the same period, zone, format, filters and view', () => {
    const expired = {
      id: 'e5d485e6-dc3b-43da-a222-08c3fef6d61f',
      type: 'audit-log',
      format: 'ndjson',
      status: 'EXPIRED',
      from: '2026-11-20T00:00:00Z',
      to: '2026-11-30T06:36:06.338633Z',
      timeZone: 'Europe/Copenhagen',
      filters: { actor: ['u-ann'], category: ['LOGIN'], view: ['login-history'] },
    } as unknown as Report;
    expect(regenerateBody(expired)).toEqual({
      type: 'audit-log',
      format: 'ndjson',
      from: '2026-11-20T00:00:00Z',
      to: '2026-11-30T06:36:06.338633Z',
      timeZone: 'Europe/Copenhagen',
      filters: { actor: ['u-ann'], category: ['LOGIN'] },
      viewId: 'login-history',
    });
    expect(regenerateBody({ ...expired, type: 'content-log', filters: {} })).not.toHaveProperty('filters');
  });
});

describe('withinWindow', () => {
  const now = Date.parse('2026-11-30T12:00:30Z');
  it('takes a period that starts 90 days back, to the minute, and refuses one a minute older', () => {
    expect(withinWindow('2026-09-01T12:00:00Z', now)).toBe(true);
    expect(withinWindow('2026-09-01T11:59:00Z', now)).toBe(false);
    expect(withinWindow('2026-11-20T00:00:00Z', now)).toBe(true);
  });
  it('refuses a period before the launch, and a start that is not a time', () => {
    expect(withinWindow('2025-12-31T23:00:00Z', Date.parse('2026-02-01T00:00:00Z'))).toBe(false);
    expect(withinWindow('2026-01-01T00:00:00Z', Date.parse('2026-02-01T00:00:00Z'))).toBe(true);
    expect(withinWindow('soon', now)).toBe(false);
  });
});
