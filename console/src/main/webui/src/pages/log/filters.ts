import type { Query } from '../../api/client';

/**
 * The log's filters, named exactly as the audit-service's `GET /api/v1/events` query parameters: the URL of the
 * log is the service's query (frontend contract), so a link from Analyze, a mail or a colleague opens the same
 * view, and what the screen sends is what the URL says.
 */
export const listFilterNames = [
  'category',
  'subcategory',
  'action',
  'actor',
  'actorType',
  'team',
  'objectType',
  'objectId',
  'ip',
] as const;
export type ListFilterName = (typeof listFilterNames)[number];
export const textFilterNames = ['view', 'from', 'to', 'q'] as const;
export type TextFilterName = (typeof textFilterNames)[number];

export type Sort = 'newest' | 'oldest';

export type LogFilters = { [K in ListFilterName]: string[] } & { [K in TextFilterName]: string } & {
  /**
   * The search's order (`sort`): empty for the log's own (newest first) or the saved view's. Not a filter: clearing
   * the filters keeps it.
   */
  sort: Sort | '';
  /**
   * Staff access only: the audit-service has no department parameter, so the staff screen narrows the pages it
   * loaded by the actor's department (its own URL parameter, not part of the log's contract).
   */
  department: string[];
  /** Only entries with at least one comment (`hasComments=true`). */
  hasComments: boolean;
};

export const allLogsView = 'all-logs';

export function emptyFilters(): LogFilters {
  return {
    category: [],
    subcategory: [],
    action: [],
    actor: [],
    actorType: [],
    team: [],
    objectType: [],
    objectId: [],
    ip: [],
    view: '',
    from: '',
    to: '',
    q: '',
    sort: '',
    department: [],
    hasComments: false,
  };
}

/** The filters a URL's query names; unknown parameters are ignored, repeated ones are lists. */
export function filtersFromSearch(search: URLSearchParams): LogFilters {
  const filters = emptyFilters();
  for (const name of listFilterNames) filters[name] = unique(search.getAll(name).map((v) => v.trim()).filter(Boolean));
  for (const name of textFilterNames) filters[name] = (search.get(name) ?? '').trim();
  filters.department = unique(search.getAll('department').filter(Boolean));
  const sort = search.get('sort');
  filters.sort = sort === 'newest' || sort === 'oldest' ? sort : '';
  filters.hasComments = search.get('hasComments') === 'true';
  // "All logs" is the log without a view: one URL for it, not two.
  if (filters.view === allLogsView) filters.view = '';
  return filters;
}

/** The URL query of the filters, in a stable order (so equal filters make equal links). */
export function filtersToSearch(filters: LogFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.view) params.set('view', filters.view);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  for (const name of listFilterNames) filters[name].forEach((v) => params.append(name, v));
  if (filters.q) params.set('q', filters.q);
  if (filters.sort) params.set('sort', filters.sort);
  if (filters.hasComments) params.set('hasComments', 'true');
  filters.department.forEach((v) => params.append('department', v));
  return params;
}

/** What `GET /api/v1/events` is asked for these filters (the department is the staff screen's own). */
export function eventsQuery(filters: LogFilters, fixed: { actorType?: string } = {}): Query {
  const query: Query = {};
  if (filters.view) query.view = filters.view;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  for (const name of listFilterNames) if (filters[name].length) query[name] = filters[name];
  if (fixed.actorType) query.actorType = fixed.actorType;
  if (filters.q) query.q = filters.q;
  if (filters.sort) query.sort = filters.sort;
  if (filters.hasComments) query.hasComments = true;
  return query;
}

/** The filters of an export request: the audit log's parameters a report takes (no view, no period). */
export function exportFilters(filters: LogFilters): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const name of listFilterNames) if (filters[name].length) result[name] = filters[name];
  if (filters.q) result.q = filters.q;
  return result;
}

/** True when any filter narrows the log (the view tab is a choice, not a filter to clear). */
export function hasFilters(filters: LogFilters): boolean {
  return Boolean(filters.from || filters.to || filters.q || filters.hasComments || filters.department.length || listFilterNames.some((n) => filters[n].length));
}

/** The same filters without any but the view: what "clear filters" leaves. */
export function clearedFilters(filters: LogFilters): LogFilters {
  return { ...emptyFilters(), view: filters.view, sort: filters.sort };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

export const datePresets = [
  { key: '24h', hours: 24 },
  { key: '7d', hours: 7 * 24 },
  { key: '30d', hours: 30 * 24 },
  { key: '90d', hours: 90 * 24 },
] as const;
export type DatePresetKey = (typeof datePresets)[number]['key'];

/** `from` of a preset: that long before now, to the minute (a link keeps the moment, as the service reads it). */
export function presetFrom(key: DatePresetKey, now: Date): string {
  const preset = datePresets.find((p) => p.key === key)!;
  const from = new Date(now.getTime() - preset.hours * 3_600_000);
  from.setUTCSeconds(0, 0);
  return from.toISOString().replace('.000Z', 'Z');
}

/**
 * The preset a period is, when it is one: no end, and a start that many hours back give or take an hour (a link
 * opened a little later still shows "last 7 days"; one opened days later shows its dates).
 */
export function presetOf(filters: Pick<LogFilters, 'from' | 'to'>, now: Date): DatePresetKey | null {
  if (!filters.from || filters.to) return null;
  const from = Date.parse(filters.from);
  if (Number.isNaN(from)) return null;
  const hours = (now.getTime() - from) / 3_600_000;
  return datePresets.find((p) => Math.abs(p.hours - hours) <= 1)?.key ?? null;
}

/**
 * A custom period of whole local days (the date picker's `YYYY-MM-DD`): from the start of the first day to the
 * start of the day after the last, as instants the service takes.
 */
export function dayRange(fromDay: string | null, toDay: string | null): { from: string; to: string } {
  const start = (day: string, plusDays = 0) => {
    const [y, m, d] = day.split('-').map(Number);
    return new Date(y, m - 1, d + plusDays).toISOString().replace('.000Z', 'Z');
  };
  return { from: fromDay ? start(fromDay) : '', to: toDay ? start(toDay, 1) : '' };
}

/** The date picker's local days of a period (inverse of dayRange for whole days). */
export function periodDays(filters: Pick<LogFilters, 'from' | 'to'>): [string | null, string | null] {
  const day = (iso: string, minusMs = 0) => {
    const t = Date.parse(iso);
    if (Number.isNaN(t)) return null;
    const d = new Date(t - minusMs);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  return [filters.from ? day(filters.from) : null, filters.to ? day(filters.to, 1) : null];
}
