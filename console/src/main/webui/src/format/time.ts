/** The browser's time zone, e.g. "Europe/Copenhagen": every time on screen is shown in it, and named. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A moment as date and time in the locale's format, in the given zone, with the zone's short name (e.g. CET). */
export function formatDateTime(iso: string | null | undefined, language: string, timeZone = browserTimeZone()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // dateStyle/timeStyle cannot be combined with timeZoneName (a TypeError in V8 and ECMA-402), so the parts are
  // named one by one; the locale still orders and punctuates them.
  return new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(date);
}

/** A date alone (no time) in the locale's format. */
export function formatDate(iso: string | null | undefined, language: string, timeZone = browserTimeZone()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone }).format(date);
}

/** A number in the locale's format (1,234 / 1.234 / 1 234). */
export function formatNumber(value: number | null | undefined, language: string): string {
  return value === null || value === undefined ? '' : new Intl.NumberFormat(language).format(value);
}

/** Bytes as the locale writes them, in the largest unit below 1024 of the next. */
export function formatBytes(bytes: number | null | undefined, language: string): string {
  if (bytes === null || bytes === undefined) return '';
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
