import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';
import { toast } from './toast';
import { ApiError } from '../../api/problem';
import { ConfirmDialog } from '../../layout/ConfirmDialog';
import { EmptyState, ErrorState, Loading } from '../../layout/states';
import { formatBytes, formatDateTime, formatNumber } from '../../format/time';
import { dateInZone, isTimeZone, regenerateBody, startOfDay } from './rules';
import { formatDay } from './format';
import { isActive, type Report, type ReportPage } from './types';
import { ReportIntegrity, WHOLE_BADGE } from './ReportIntegrity';

const PAGE_SIZE = 20;
/** How often reports in progress are asked for again (the service records progress every 2 s). */
export const REFRESH_MS = 2000;

const statusColor: Record<string, string> = { QUEUED: 'gray', RUNNING: 'blue', COMPLETED: 'green', FAILED: 'red', EXPIRED: 'orange' };

/** One report, by id: status, progress and its files (the list leaves files out); asked again while it runs. */
export function useReport(id: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['exports', 'one', id],
    queryFn: () => api.get<Report>(`/api/v1/exports/${encodeURIComponent(id)}`),
    enabled,
    refetchInterval: (query) => (query.state.data && isActive(query.state.data) ? REFRESH_MS : false),
  });
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation('reports');
  return (
    <Badge color={statusColor[status] ?? 'gray'} variant="dot" styles={WHOLE_BADGE}>
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/**
 * The period as entered: whole days (both ends at midnight in the report's zone) as the first and last day, any
 * other period as its two moments, in the report's own zone, the zone named.
 */
export function Period({ report }: { report: Report }) {
  const { i18n } = useTranslation('reports');
  const language = i18n.language;
  const from = Date.parse(report.from);
  const to = Date.parse(report.to);
  const zone = report.timeZone;
  const wholeDays = isTimeZone(zone) && startOfDay(dateInZone(from, zone), zone) === from && startOfDay(dateInZone(to, zone), zone) === to;
  const text = wholeDays
    ? `${formatDay(dateInZone(from, zone), language)} – ${formatDay(dateInZone(to - 1, zone), language)}`
    : `${formatDateTime(report.from, language, zone)} – ${formatDateTime(report.to, language, zone)}`;
  return (
    <Stack gap={0}>
      <Text size="sm">{text}</Text>
      <Text size="xs" c="gray.7">
        {zone}
      </Text>
    </Stack>
  );
}

export function Progress({ report }: { report: Report }) {
  const { t, i18n } = useTranslation('reports');
  const rows = formatNumber(report.rowsWritten, i18n.language);
  if (report.status === 'QUEUED') return <Text size="sm">{t('progress.queued')}</Text>;
  if (report.status === 'RUNNING') return <Text size="sm">{t('progress.running', { rows, files: report.filesWritten, count: report.filesWritten })}</Text>;
  if (report.status === 'FAILED') return <Text size="sm">{report.failure ?? t('progress.failed')}</Text>;
  return <Text size="sm">{t('progress.done', { rows, files: report.filesWritten, count: report.filesWritten })}</Text>;
}

/** The files of a completed report, each with its size and a download through the console's origin. */
export function ReportFiles({ report }: { report: Report }) {
  const { t, i18n } = useTranslation('reports');
  const api = useApi();
  const completed = report.status === 'COMPLETED';
  // The list's entries carry no files; a completed one is asked for by id (its files do not change any more).
  const detail = useReport(report.id, completed && report.files.length === 0);
  const [downloading, setDownloading] = useState<number | null>(null);
  if (!completed) return <Text size="sm" c="gray.7">{report.status === 'EXPIRED' ? t('files.expired') : '—'}</Text>;
  const files = report.files.length > 0 ? report.files : (detail.data?.files ?? []);
  if (detail.isPending && report.files.length === 0) return <Text size="sm" c="gray.7">{t('files.loading')}</Text>;
  if (detail.error) return <Text size="sm" c="red">{t('files.error')}</Text>;
  if (files.length === 0) return <Text size="sm" c="gray.7">{t('files.none')}</Text>;
  const download = async (number: number, url: string, name: string) => {
    setDownloading(number);
    try {
      await api.download(url, name);
    } catch (error) {
      const gone = error instanceof ApiError && error.status === 410;
      toast(t, { color: 'red', title: t(gone ? 'files.goneTitle' : 'files.failedTitle'), message: error instanceof Error ? error.message : '' });
    } finally {
      setDownloading(null);
    }
  };
  return (
    <Stack gap={4}>
      {files.map((file) => (
        <Group key={file.number} gap="xs" wrap="nowrap" align="flex-start">
          <Button
            size="compact-xs"
            variant="light"
            style={{ flexShrink: 0 }}
            loading={downloading === file.number}
            onClick={() => void download(file.number, file.url, file.name)}
            aria-label={t('files.download', { name: file.name })}
          >
            {t('files.downloadShort')}
          </Button>
          <Stack gap={0}>
            <Text size="xs" style={{ wordBreak: 'break-all' }}>
              {file.name}
            </Text>
            <Text size="xs" c="gray.7">
              {formatBytes(file.bytes, i18n.language)} · {t('files.rows', { rows: formatNumber(file.rows, i18n.language), count: file.rows })}
            </Text>
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}

/** Asks for a report again with the parameters of one that expired or failed. */
export function RegenerateButton({ report }: { report: Report }) {
  const { t } = useTranslation('reports');
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const mutation = useMutation({
    mutationFn: () => api.post<Report>('/api/v1/exports', regenerateBody(report)),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: ['exports'] });
      toast(t, { color: 'green', title: t('actions.regeneratedTitle'), message: t('actions.regeneratedText') });
      navigate(`/reports/${created.id}`);
    },
    onError: (error) => {
      const reasons = error instanceof ApiError ? error.problem?.errors?.map((e) => `${e.field}: ${e.reason}`).join('; ') : undefined;
      toast(t, { color: 'red', title: t('actions.regenerateFailed'), message: reasons || error.message });
    },
  });
  return (
    <Button size="compact-xs" variant="light" loading={mutation.isPending} onClick={() => mutation.mutate()} aria-label={t('actions.regenerateOf', { type: t(`types.${report.type}`) })}>
      {t('actions.regenerate')}
    </Button>
  );
}

/** Deletes a report and its files, after the person confirms. */
export function DeleteButton({ report, onDeleted }: { report: Report; onDeleted?: () => void }) {
  const { t } = useTranslation('reports');
  const api = useApi();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const mutation = useMutation({
    mutationFn: () => api.delete(`/api/v1/exports/${encodeURIComponent(report.id)}`),
    onSuccess: () => {
      setOpen(false);
      queryClient.removeQueries({ queryKey: ['exports', 'one', report.id] });
      void queryClient.invalidateQueries({ queryKey: ['exports'] });
      toast(t, { color: 'green', title: t('actions.deletedTitle'), message: t('actions.deletedText') });
      onDeleted?.();
    },
  });
  return (
    <>
      <Button size="compact-xs" variant="default" onClick={() => setOpen(true)} aria-label={t('actions.deleteOf', { type: t(`types.${report.type}`) })}>
        {t('actions.delete')}
      </Button>
      <ConfirmDialog
        opened={open}
        title={t('actions.confirmTitle')}
        confirmLabel={t('actions.confirmDelete')}
        pending={mutation.isPending}
        error={mutation.error?.message}
        onConfirm={() => mutation.mutate()}
        onClose={() => setOpen(false)}
      >
        {t('actions.confirmText', { type: t(`types.${report.type}`) })}
      </ConfirmDialog>
    </>
  );
}

interface ExportEvent {
  actor: { id: string | null; email: string | null; name: string | null };
  object: { id: string | null };
}

/**
 * Who asked for each report. The export-service's view does not say, but it records every request in the audit log
 * as an EXPORT event of the requester whose object is the job (EXPORT_JOB and the job's id): one query for the
 * period the reports were asked in finds them all. A plan that does not show EXPORT events leaves the column empty.
 */
export function useRequesters(reports: Report[]): Map<string, string> {
  const api = useApi();
  const times = reports.map((r) => Date.parse(r.createdAt)).filter((t) => !Number.isNaN(t));
  const from = times.length ? new Date(Math.min(...times) - 1000).toISOString() : null;
  const to = times.length ? new Date(Math.max(...times) + 1000).toISOString() : null;
  const ids = reports.length === 1 ? reports[0].id : undefined;
  const query = useQuery({
    queryKey: ['exports', 'requesters', from, to, ids],
    queryFn: () =>
      api.get<{ items: ExportEvent[] }>('/api/v1/events', { category: 'EXPORT', objectType: 'EXPORT_JOB', objectId: ids, from, to, limit: 500 }),
    enabled: from !== null,
    staleTime: Infinity,
    retry: false,
  });
  const byId = new Map<string, string>();
  for (const event of query.data?.items ?? []) {
    const who = event.actor.name ?? event.actor.email ?? event.actor.id;
    if (event.object.id && who) byId.set(event.object.id, who);
  }
  return byId;
}

export function RequestedBy({ report, requesters }: { report: Report; requesters: Map<string, string> }) {
  const { t } = useTranslation('reports');
  const who = requesters.get(report.id) ?? report.requesterEmail ?? report.requestedBy;
  return who ? (
    <Text size="xs" c="gray.7">
      {t('list.by', { who })}
    </Text>
  ) : null;
}

/** The account's reports, newest first, paged on with the service's cursor; refreshed while any is in progress. */
export function ReportList() {
  const { t, i18n } = useTranslation('reports');
  const api = useApi();
  const query = useInfiniteQuery({
    queryKey: ['exports', 'list'],
    queryFn: ({ pageParam }) => api.get<ReportPage>('/api/v1/exports', { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (q) => (q.state.data?.pages.some((p) => p.items.some(isActive)) ? REFRESH_MS : false),
  });

  const reports = query.data?.pages.flatMap((p) => p.items) ?? [];
  const requesters = useRequesters(reports);

  let body;
  if (query.isPending) body = <Loading label={t('list.loading')} />;
  else if (query.error) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else {
    body =
      reports.length === 0 ? (
        <EmptyState title={t('list.empty')} hint={t('list.emptyHint')} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={1100}>
            <Table striped verticalSpacing="xs" aria-labelledby="report-list-title">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('list.type')}</Table.Th>
                  <Table.Th scope="col">{t('list.period')}</Table.Th>
                  <Table.Th scope="col">{t('list.requested')}</Table.Th>
                  <Table.Th scope="col">{t('list.status')}</Table.Th>
                  <Table.Th scope="col">{t('list.progress')}</Table.Th>
                  <Table.Th scope="col">{t('list.files')}</Table.Th>
                  <Table.Th scope="col">{t('list.expires')}</Table.Th>
                  <Table.Th scope="col">{t('list.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reports.map((report) => (
                  <Table.Tr key={report.id} data-report-id={report.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/reports/${report.id}`} size="sm">
                        {t(`types.${report.type}`, { defaultValue: report.type })}
                        <VisuallyHidden>{t('list.open', { when: formatDateTime(report.createdAt, i18n.language) })}</VisuallyHidden>
                      </Anchor>
                      <Text size="xs" c="gray.7">
                        {t(`formats.${report.format}`, { defaultValue: report.format })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Period report={report} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(report.createdAt, i18n.language)}</Text>
                      <RequestedBy report={report} requesters={requesters} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Stack gap={4}>
                        <StatusBadge status={report.status} />
                        <ReportIntegrity report={report} compact />
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Progress report={report} />
                    </Table.Td>
                    <Table.Td>
                      <ReportFiles report={report} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{report.expiresAt ? formatDateTime(report.expiresAt, i18n.language) : '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {(report.status === 'EXPIRED' || report.status === 'FAILED') && <RegenerateButton report={report} />}
                        <DeleteButton report={report} />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {query.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
                {t('list.loadMore')}
              </Button>
            </Group>
          )}
        </>
      );
  }

  return (
    <Stack component="section" aria-labelledby="report-list-title" gap="sm">
      <Text component="h2" fw={700} size="xl" id="report-list-title">
        {t('list.title')}
      </Text>
      {body}
    </Stack>
  );
}
