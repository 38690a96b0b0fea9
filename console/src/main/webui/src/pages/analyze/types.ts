/** The analytics-service's records (its OpenAPI: SummaryView, SeriesView, TopView); every count with its log query. */

export interface Count {
  count: number;
  /** The audit-service query (/api/v1/events?...) that lists exactly the counted events. */
  query: string;
}

export const measures = ['logins', 'deletions', 'exports', 'reports'] as const;
export type Measure = (typeof measures)[number];

export interface SummaryDay extends Record<Measure, Count> {
  date: string;
  from: string;
  to: string;
}

export interface Summary {
  tz: string;
  from: string;
  to: string;
  days: SummaryDay[];
  totals: Record<Measure, Count>;
}

export interface GroupCount extends Count {
  key: string;
}

export interface SeriesBucket extends Count {
  start: string;
  from: string;
  to: string;
  groups: GroupCount[];
}

export type GroupBy = 'category' | 'action' | 'login-outcome' | 'object-type';

export interface Series {
  groupBy: GroupBy;
  interval: 'day' | 'week';
  tz: string;
  from: string;
  to: string;
  filters: Record<string, string[]>;
  buckets: SeriesBucket[];
  totals: GroupCount[];
}

export interface TopEntry extends Count {
  actor?: string;
  objectType?: string;
  objectId?: string;
}

export interface Top {
  dimension: string;
  tz: string;
  from: string;
  to: string;
  items: TopEntry[];
}
