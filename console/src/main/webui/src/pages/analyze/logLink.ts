/**
 * The audit log's URL for the events behind a count. Every count of the analytics-service carries the audit-service
 * query that lists exactly its events (`/api/v1/events?from=...&to=...&category=...`); the log's URL takes the same
 * parameters (`/log?<the events query>`), so the link keeps each of them, repeated ones included, in their order.
 * Paging belongs to a request, not to a view of the log, so `cursor` and `limit` are left out.
 */
export function logUrl(eventsQuery: string): string {
  const question = eventsQuery.indexOf('?');
  const path = question < 0 ? eventsQuery : eventsQuery.slice(0, question);
  if (path !== '/api/v1/events') throw new Error(`not an audit-log query: ${eventsQuery}`);
  const source = new URLSearchParams(question < 0 ? '' : eventsQuery.slice(question + 1));
  const target = new URLSearchParams();
  for (const [name, value] of source) {
    if (name === 'cursor' || name === 'limit') continue;
    target.append(name, value);
  }
  const text = target.toString();
  return text ? `/log?${text}` : '/log';
}

/** The parameters of a log URL (or an events query) as name -> values, for comparing and for calling the API. */
export function queryParameters(url: string): Record<string, string[]> {
  const question = url.indexOf('?');
  const result: Record<string, string[]> = {};
  for (const [name, value] of new URLSearchParams(question < 0 ? '' : url.slice(question + 1))) (result[name] ??= []).push(value);
  return result;
}
