import type { Report, ReportFormat, ReportRequest, ReportType } from './types';

/**
 * The export-service's rules for a report's period (ExportConfig: `lookback` P90D and `launchDate` 2026-01-01, the
 * product pages' values; ExportRequestRules applies them). The service does not publish them, so the form holds the
 * same values to explain them before submitting; an operator's override still reaches the person as the service's
 * own 400 reason beside the field.
 */
export const LOOKBACK_DAYS = 90;
/** The feature's launch: no report starts before midnight UTC of this day. */
export const LAUNCH_DATE = '2026-01-01';
const LAUNCH = Date.parse(`${LAUNCH_DATE}T00:00:00Z`);
const DAY = 24 * 3600 * 1000;

/** Every IANA zone the browser knows, with the browser's own (it may be an alias such as UTC that the list lacks). */
export function timeZones(browserZone: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const zones = new Set<string>(known);
  zones.add(browserZone);
  zones.add('UTC');
  return [...zones].sort();
}

export function isTimeZone(zone: string): boolean {
  if (!zone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date (YYYY-MM-DD) of a moment in a zone. */
export function dateInZone(moment: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(moment);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The zone's offset from UTC at a moment, in milliseconds. */
function offset(moment: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(moment);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(moment / 1000) * 1000;
}

/** The moment a date begins in a zone (as the service reads a date: its midnight there). */
export function startOfDay(date: string, zone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  let moment = wall - offset(wall, zone);
  // A second pass settles a day whose offset differs from the guess's (a DST change near midnight).
  moment = wall - offset(moment, zone);
  return moment;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY).toISOString().slice(0, 10);
}

/** The first date of the zone whose midnight is at or after a moment. */
function firstDateFrom(moment: number, zone: string): string {
  const date = dateInZone(moment, zone);
  return startOfDay(date, zone) >= moment ? date : addDays(date, 1);
}

export interface Bounds {
  /** The earliest start date the service takes now (90 days back, never before the launch), in the zone. */
  earliest: string;
  /** Today in the zone: the period ends at the latest now. */
  latest: string;
  /** Which rule sets `earliest`. */
  limitedBy: 'lookback' | 'launch';
}

export function bounds(now: number, zone: string): Bounds {
  // The service compares with now - 90 days truncated to the minute.
  const oldest = Math.floor((now - LOOKBACK_DAYS * DAY) / 60_000) * 60_000;
  const limitedBy = LAUNCH > oldest ? 'launch' : 'lookback';
  return { earliest: firstDateFrom(Math.max(oldest, LAUNCH), zone), latest: dateInZone(now, zone), limitedBy };
}

export interface ReportForm {
  type: ReportType;
  format: ReportFormat;
  /** First day of the period, YYYY-MM-DD, in timeZone. */
  from: string;
  /** Last day of the period (included), YYYY-MM-DD, in timeZone. */
  to: string;
  timeZone: string;
}

/** A rule the form breaks, as a translation key of the reports namespace and its values. */
export interface Violation {
  key: string;
  values?: Record<string, string | number>;
}

export type Violations = Partial<Record<'from' | 'to' | 'timeZone', Violation>>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The service's rules applied to the form at `now`, each broken rule beside its field. */
export function validate(form: ReportForm, now: number): Violations {
  const problems: Violations = {};
  if (!isTimeZone(form.timeZone)) problems.timeZone = { key: 'form.errors.timeZone' };
  if (!DATE.test(form.from)) problems.from = { key: 'form.errors.fromRequired' };
  if (!DATE.test(form.to)) problems.to = { key: 'form.errors.toRequired' };
  if (problems.timeZone) return problems;
  const zone = form.timeZone;
  const { earliest, latest } = bounds(now, zone);
  if (!problems.from) {
    const start = startOfDay(form.from, zone);
    if (start < LAUNCH) problems.from = { key: 'form.errors.beforeLaunch', values: { launch: LAUNCH_DATE } };
    else if (form.from < earliest) problems.from = { key: 'form.errors.lookback', values: { days: LOOKBACK_DAYS, earliest } };
    else if (form.from > latest) problems.from = { key: 'form.errors.future' };
  }
  if (!problems.to) {
    if (form.to > latest) problems.to = { key: 'form.errors.future' };
    else if (!problems.from && form.to < form.from) problems.to = { key: 'form.errors.toBeforeFrom' };
    else if (startOfDay(addDays(form.to, 1), zone) <= LAUNCH) problems.to = { key: 'form.errors.beforeLaunch', values: { launch: LAUNCH_DATE } };
  }
  return problems;
}

/**
 * The body of POST /api/v1/exports: dates as the service reads them (midnight in the zone), the last day included
 * by ending the period at the next midnight (the service takes [from, to) and ends a period in the future at now).
 */
export function requestBody(form: ReportForm): ReportRequest {
  return { type: form.type, format: form.format, from: form.from, to: addDays(form.to, 1), timeZone: form.timeZone };
}

/** A report asked for again with the parameters it was asked with (after it expired or failed). */
export function regenerateBody(report: Report): ReportRequest {
  const body: ReportRequest = {
    type: report.type as ReportType,
    format: report.format as ReportFormat,
    from: report.from,
    to: report.to,
    timeZone: report.timeZone,
  };
  // The service keeps a requested view as the filter `view`; it takes it back only as viewId.
  const { view, ...filters } = report.filters ?? {};
  if (view?.length) body.viewId = view[0];
  if (Object.keys(filters).length > 0) body.filters = filters;
  return body;
}

/**
 * Whether a report's period can still be asked for again at `now`: it starts no earlier than 90 days back (the
 * service's check, to the minute) and not before the launch. A period that began earlier is refused with a 400.
 */
export function withinWindow(from: string, now: number): boolean {
  const start = Date.parse(from);
  if (Number.isNaN(start)) return false;
  const oldest = Math.floor((now - LOOKBACK_DAYS * DAY) / 60_000) * 60_000;
  return start >= oldest && start >= LAUNCH;
}
