import { Link } from 'react-router-dom';
import { Anchor, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import type { AuditEvent } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { Period, RegenerateButton, ReportFiles, StatusBadge, useReport } from '../reports/ReportList';
import { withinWindow } from '../reports/rules';
import type { Report } from '../reports/types';
import { reportHref } from './links';

/** The report an export entry names (its job id), or null for any other entry. */
export function exportJobId(event: AuditEvent): string | null {
  if (!reportHref(event)) return null;
  const jobId = event.details?.jobId;
  return typeof jobId === 'string' ? jobId : event.object.id;
}

/**
 * The report as the export entry recorded it, for asking again once the report is gone: the entry holds the type,
 * format, period, zone and filters. Entries recorded before the export-service wrote `filters` lack them, and a
 * report rebuilt without them would hold more than the one asked for, so only an entry that says its filters
 * (`filters`, maybe empty) is regenerated from.
 */
export function reportFromEntry(event: AuditEvent): Report | null {
  const d = event.details ?? {};
  const text = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : null);
  const [type, format, from, to, timeZone] = ['type', 'format', 'from', 'to', 'timeZone'].map(text);
  if (!type || !format || !from || !to || !timeZone) return null;
  const filters = d.filters && typeof d.filters === 'object' ? (d.filters as Record<string, string[]>) : null;
  if (!filters) return null;
  return {
    id: exportJobId(event) ?? '',
    type,
    format,
    status: 'EXPIRED',
    from,
    to,
    timeZone,
    filters,
    rowsWritten: 0,
    filesWritten: 0,
    files: [],
    failure: null,
    createdAt: event.occurredAt,
    startedAt: null,
    completedAt: null,
    expiresAt: null,
  };
}

/** "Regenerate" when the period is still within the 90-day window; else why it cannot be asked for again. */
function Regenerate({ report }: { report: Report }) {
  const { t } = useTranslation('log');
  if (!withinWindow(report.from, Date.now())) {
    return (
      <Text size="sm" c="gray.7">
        {t('exportReport.tooOld')}
      </Text>
    );
  }
  return (
    <Group>
      <RegenerateButton report={report} />
    </Group>
  );
}

/**
 * The report of an export entry, in its details: its state and period, the files to download while they are kept,
 * "expired" after, and "Regenerate" (within the 90-day window) for an expired, failed or deleted report.
 */
export function ExportReportSection({ event }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation('log');
  const jobId = exportJobId(event)!;
  const report = useReport(jobId);
  const headingId = `details-report-${event.id}`;

  let body;
  if (report.isPending) body = <Loader size="sm" role="status" aria-label={t('exportReport.loading')} />;
  // Deleted, or of another account (404), or an id that is not a report's (400): the same for the person.
  else if (report.error instanceof ApiError && (report.error.status === 404 || report.error.status === 400)) {
    const again = reportFromEntry(event);
    body = (
      <Stack gap="xs">
        <Text size="sm">{t('exportReport.gone')}</Text>
        {again ? (
          <Regenerate report={again} />
        ) : (
          <Text size="sm" c="gray.7">
            {t('exportReport.goneNoFilters')}
          </Text>
        )}
      </Stack>
    );
  } else if (report.error)
    body = (
      <Text size="sm" c="red.8" role="alert">
        {t('exportReport.loadFailed')} {report.error.message}
      </Text>
    );
  else {
    const r = report.data;
    const expired = r.status === 'EXPIRED';
    body = (
      <Stack gap="xs">
        <Group gap="xs">
          <StatusBadge status={r.status} />
          <Anchor component={Link} to={`/reports/${encodeURIComponent(r.id)}`} size="sm">
            {t('details.openReport')}
          </Anchor>
        </Group>
        <Period report={r} />
        {r.expiresAt && (
          <Text size="sm">
            {t(expired ? 'exportReport.expiredAt' : 'exportReport.keptUntil', { when: formatDateTime(r.expiresAt, i18n.language) })}
          </Text>
        )}
        {expired ? (
          <Text size="sm" c="gray.7">
            {t('exportReport.expired')}
          </Text>
        ) : (
          <ReportFiles report={r} />
        )}
        {(expired || r.status === 'FAILED') && <Regenerate report={r} />}
      </Stack>
    );
  }

  return (
    <section aria-labelledby={headingId}>
      <Title order={3} size="h5" mb={4} id={headingId}>
        {t('exportReport.title')}
      </Title>
      {body}
    </section>
  );
}
