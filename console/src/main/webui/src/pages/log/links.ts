import type { AuditEvent } from '../../api/types';

/**
 * The report an export entry names: the export-service records each report request as an EXPORT event whose
 * object is the job (type EXPORT_JOB) and whose details carry `jobId`; such an entry links to `/reports/<jobId>`.
 */
export function reportHref(event: AuditEvent): string | null {
  const jobId = typeof event.details?.jobId === 'string' ? event.details.jobId : null;
  if (jobId && (event.category === 'EXPORT' || event.category === 'REPORT')) return `/reports/${encodeURIComponent(jobId)}`;
  if (event.object.type === 'EXPORT_JOB' && event.object.id) return `/reports/${encodeURIComponent(event.object.id)}`;
  return null;
}

/**
 * Where an object's link leads in the console. The service's `links.object` points at the product's own page of
 * the object (`/app/objects/...`), which is not the console's; here the link opens the object's history: the log
 * filtered to that object (a report job opens its report).
 */
export function objectHref(event: AuditEvent): string | null {
  const report = reportHref(event);
  if (report) return report;
  if (!event.links.object || !event.object.type || !event.object.id) return null;
  const params = new URLSearchParams({ objectType: event.object.type, objectId: event.object.id });
  return `/log?${params.toString()}`;
}
