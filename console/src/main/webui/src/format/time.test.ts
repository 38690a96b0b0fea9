import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatDateTime, formatLocale } from './time';

function browserLanguages(languages: string[]) {
  vi.spyOn(navigator, 'languages', 'get').mockReturnValue(languages);
}

describe('formatting', () => {
  afterEach(() => vi.restoreAllMocks());

  it("formats in the browser's regional variant of the chosen language", () => {
    browserLanguages(['en-GB', 'en']);
    expect(formatLocale('en')).toBe('en-GB');
    expect(formatLocale('da')).toBe('da');
    browserLanguages(['no', 'en']);
    expect(formatLocale('nb')).toBe('nb-NO');
    browserLanguages(['nb-NO']);
    expect(formatLocale('nb')).toBe('nb-NO');
  });

  it('names the time zone and writes the date as the locale does', () => {
    browserLanguages(['en-GB']);
    const text = formatDateTime('2026-11-30T10:15:30Z', 'en', 'Europe/Copenhagen');
    expect(text).toContain('30 Nov 2026');
    expect(text).toContain('11:15:30');
    expect(text).toMatch(/CET|GMT\+1/);
    expect(formatDateTime('2026-11-30T10:15:30Z', 'en', 'America/New_York')).toMatch(/05:15:30/);
  });
});
