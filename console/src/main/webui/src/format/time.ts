/** The browser's time zone, e.g. "Europe/Copenhagen": every time on screen is shown in it, and named. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A moment as date and time in the locale's format, in the given zone, with the zone's short name (e.g. CET). */
export function formatDateTime(iso: string | null | undefined, language: string, timeZone = browserTimeZone()): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, {
    dateStyle: 'medium',
    timeStyle: 'medium',
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
