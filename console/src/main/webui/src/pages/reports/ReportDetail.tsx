import { useEffect, useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { CloseButton, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { EmptyState, ErrorState, Loading } from '../../layout/states';
import { formatDateTime } from '../../format/time';
import { ReportIntegrity } from './ReportIntegrity';
import { DeleteButton, Period, Progress, RegenerateButton, ReportFiles, RequestedBy, StatusBadge, useReport, useRequesters } from './ReportList';

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="gray.7" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

/**
 * One report opened by its link (/reports/<id>, the link of the "export ready" mail and toast): found by id, so it
 * opens whether or not it is on the list's first page.
 */
export function ReportDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation('reports');
  const { t: tIntegrity } = useTranslation('integrity');
  const navigate = useNavigate();
  const report = useReport(id);
  const heading = useRef<HTMLHeadingElement>(null);
  const requesters = useRequesters(report.data ? [report.data] : []);
  const close = () => navigate('/reports');

  useEffect(() => {
    heading.current?.focus();
  }, [id]);

  let body;
  if (report.isPending) body = <Loading label={t('detail.loading')} />;
  // An id that is not a report (400: not a UUID) is as missing as one that is not in this account (404).
  else if (report.error instanceof ApiError && (report.error.status === 404 || report.error.status === 400))
    body = <EmptyState title={t('detail.notFound')} hint={t('detail.notFoundHint')} />;
  else if (report.error) body = <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  else {
    const r = report.data;
    const filters = Object.entries(r.filters ?? {});
    body = (
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Field label={t('list.type')}>
            <Text size="sm">
              {t(`types.${r.type}`, { defaultValue: r.type })} · {t(`formats.${r.format}`, { defaultValue: r.format })}
            </Text>
          </Field>
          <Field label={t('list.period')}>
            <Period report={r} />
          </Field>
          <Field label={t('list.requested')}>
            <Text size="sm">{formatDateTime(r.createdAt, i18n.language)}</Text>
            <RequestedBy report={r} requesters={requesters} />
          </Field>
          <Field label={t('list.status')}>
            <StatusBadge status={r.status} />
          </Field>
          <Field label={t('list.progress')}>
            <div role="status">
              <Progress report={r} />
            </div>
          </Field>
          <Field label={t('detail.completed')}>
            <Text size="sm">{r.completedAt ? formatDateTime(r.completedAt, i18n.language) : '—'}</Text>
          </Field>
          <Field label={t('list.expires')}>
            <Text size="sm">{r.expiresAt ? formatDateTime(r.expiresAt, i18n.language) : '—'}</Text>
          </Field>
          <Field label={t('detail.filters')}>
            <Text size="sm">{filters.length ? filters.map(([k, v]) => `${k}: ${v.join(', ')}`).join('; ') : t('detail.noFilters')}</Text>
          </Field>
        </SimpleGrid>
        <Field label={t('list.files')}>
          <ReportFiles report={r} />
        </Field>
        {r.status === 'COMPLETED' && (
          <Field label={tIntegrity('report.title')}>
            <ReportIntegrity report={r} />
          </Field>
        )}
        <Group gap="xs">
          {(r.status === 'EXPIRED' || r.status === 'FAILED') && <RegenerateButton report={r} />}
          <DeleteButton report={r} onDeleted={close} />
        </Group>
      </Stack>
    );
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="report-detail-title" shadow="xs">
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={2} size="h3" id="report-detail-title" ref={heading} tabIndex={-1}>
          {t('detail.title')}
        </Title>
        <CloseButton onClick={close} aria-label={t('detail.close')} />
      </Group>
      {body}
    </Paper>
  );
}
