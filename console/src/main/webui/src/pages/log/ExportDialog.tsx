import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Anchor, Button, Group, List, Modal, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';
import { ApiError } from '../../api/problem';
import { browserTimeZone, formatDateTime } from '../../format/time';
import { exportFilters, type LogFilters } from './filters';

/** The answer of `POST /api/v1/exports` (export-service's ExportJobView), the part the dialog uses. */
export interface ExportJob {
  id: string;
  status: string;
  from: string;
  to: string;
}

type Format = 'csv' | 'ndjson';

/**
 * `POST /api/v1/exports` for the log's current view: an audit-log report with the log's filters, its built-in
 * view, its period (none: the export-service's default, the last 30 days) and the browser's time zone.
 */
export function exportRequest(filters: LogFilters, format: Format, timeZone = browserTimeZone()) {
  const body: Record<string, unknown> = { type: 'audit-log', format, timeZone };
  if (filters.from) body.from = filters.from;
  if (filters.to) body.to = filters.to;
  const chosen = exportFilters(filters);
  if (Object.keys(chosen).length) body.filters = chosen;
  if (filters.view) body.viewId = filters.view;
  return body;
}

export function ExportDialog({ opened, onClose, filters }: { opened: boolean; onClose: () => void; filters: LogFilters }) {
  const { t, i18n } = useTranslation('log');
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [format, setFormat] = useState<Format>('csv');
  const start = useMutation({
    mutationFn: () => api.post<ExportJob>('/api/v1/exports', exportRequest(filters, format)),
    onSuccess: (job) => {
      void queryClient.invalidateQueries({ queryKey: ['exports'] });
      const href = `/reports/${encodeURIComponent(job.id)}`;
      notifications.show({
        title: t('export.started'),
        message: (
          <Anchor
            href={href}
            size="sm"
            onClick={(e) => {
              // The toasts live outside the router: the link navigates through the screen's own.
              e.preventDefault();
              navigate(href);
            }}
          >
            {t('export.openReport')}
          </Anchor>
        ),
        color: 'green',
        autoClose: 10_000,
      });
      onClose();
    },
  });
  const error = start.error instanceof ApiError ? start.error : null;
  const problems = error?.problem?.errors ?? [];
  const chosen = Object.entries(exportFilters(filters));

  return (
    <Modal opened={opened} onClose={onClose} title={t('export.title')} size="md" closeButtonProps={{ 'aria-label': t('action.close') }}>
      <Stack gap="sm">
        <Radio.Group label={t('export.format')} value={format} onChange={(v) => setFormat(v as Format)} error={error?.fieldError('format')}>
          <Group mt={4}>
            <Radio value="csv" label={t('export.csv')} />
            <Radio value="ndjson" label={t('export.ndjson')} />
          </Group>
        </Radio.Group>
        <div>
          <Text size="sm" fw={500}>
            {t('export.period')}
          </Text>
          <Text size="sm">
            {filters.from || filters.to
              ? t('export.periodRange', {
                  from: filters.from ? formatDateTime(filters.from, i18n.language) : t('export.periodStart'),
                  to: filters.to ? formatDateTime(filters.to, i18n.language) : t('export.now'),
                })
              : t('export.periodDefault')}
          </Text>
          {(error?.fieldError('from') || error?.fieldError('to')) && (
            <Text size="sm" c="red.8" role="alert">
              {error?.fieldError('from') ?? error?.fieldError('to')}
            </Text>
          )}
          <Text size="xs" c="gray.7">
            {t('export.timeZone', { zone: browserTimeZone() })}
          </Text>
        </div>
        <div>
          <Text size="sm" fw={500}>
            {t('export.filters')}
          </Text>
          {chosen.length || filters.view ? (
            <List size="sm">
              {filters.view && <List.Item>{t('export.view', { view: t(`views.${filters.view}`, { defaultValue: filters.view }) })}</List.Item>}
              {chosen.map(([name, values]) => (
                <List.Item key={name}>
                  {t(`filters.${name}`)}: {Array.isArray(values) ? values.join(', ') : values}
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">{t('export.noFilters')}</Text>
          )}
        </div>
        {start.error && (
          <Alert color="red" title={t('export.failed')} role="alert">
            {problems.length ? (
              <List size="sm">
                {problems.map((p) => (
                  <List.Item key={p.field + p.reason}>
                    {p.field}: {p.reason}
                  </List.Item>
                ))}
              </List>
            ) : (
              <Text size="sm">{start.error.message}</Text>
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button onClick={() => start.mutate()} loading={start.isPending}>
            {t('export.start')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
