/** The export-service's records (its OpenAPI: ExportJobView, ExportFileView, ExportJobPage, ExportRequest). */

export type ReportType = 'audit-log' | 'content-log' | 'staff-access';
export type ReportFormat = 'csv' | 'ndjson';
export type ReportStatus = 'QUEUED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'EXPIRED';

export const reportTypes: ReportType[] = ['audit-log', 'content-log', 'staff-access'];
export const reportFormats: ReportFormat[] = ['csv', 'ndjson'];

export interface ReportFile {
  number: number;
  name: string;
  rows: number;
  bytes: number;
  /** The file's path on the console's origin, e.g. /api/v1/exports/<id>/files/1. */
  url: string;
  /** SHA-256 of the file, lowercase hex, as the signed manifest names it (absent from older export-services). */
  sha256?: string | null;
}

/** Where a completed report's signed manifest (and, for NDJSON, its per-row proof file) is downloaded. */
export interface ReportManifestLink {
  url: string;
  proofUrl: string | null;
  treeSize: number;
}

export interface Report {
  id: string;
  type: ReportType | string;
  format: ReportFormat | string;
  status: ReportStatus | string;
  /** The period [from, to) in UTC; it was entered in timeZone. */
  from: string;
  to: string;
  timeZone: string;
  filters: Record<string, string[]>;
  rowsWritten: number;
  filesWritten: number;
  /** Listed by GET /api/v1/exports/{id} only; the list answers an empty array. */
  files: ReportFile[];
  failure: string | null;
  /** Null: the report has no manifest (made before manifests, or on a platform without a signing key). */
  manifest?: ReportManifestLink | null;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  expiresAt: string | null;
  /** Not in the export-service's view today (the requester is found in the audit log); used when it sends them. */
  requestedBy?: string | null;
  requesterEmail?: string | null;
}

export interface ReportPage {
  items: Report[];
  nextCursor: string | null;
}

export interface ReportRequest {
  type: ReportType;
  format: ReportFormat;
  from: string;
  to: string;
  timeZone: string;
  filters?: Record<string, string[]>;
  viewId?: string;
}

export function isActive(report: Pick<Report, 'status'>): boolean {
  return report.status === 'QUEUED' || report.status === 'RUNNING';
}
