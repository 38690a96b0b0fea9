import { useMemo, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Paper, Radio, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';
import { toast } from './toast';
import { ApiError } from '../../api/problem';
import { browserTimeZone } from '../../format/time';
import { formatDay } from './format';
import { addDays, bounds, LAUNCH_DATE, LOOKBACK_DAYS, requestBody, timeZones, validate, type ReportForm as Form, type Violation } from './rules';
import { reportFormats, reportTypes, type Report, type ReportFormat, type ReportType } from './types';

// Mantine's descriptions are dimmed below the 4.5:1 contrast WCAG AA asks of small text.
const readable = { description: { color: 'var(--mantine-color-gray-7)' } };

const FIELDS_BESIDE = ['from', 'to', 'timeZone'] as const;

/** Request an audit-log, content-log or staff-access report for a period entered in a chosen time zone. */
export function ReportForm({ now = () => Date.now(), onRequested }: { now?: () => number; onRequested?: (report: Report) => void }) {
  const { t, i18n } = useTranslation('reports');
  const api = useApi();
  const queryClient = useQueryClient();
  const zone = browserTimeZone();
  const zones = useMemo(() => timeZones(zone), [zone]);
  // The defaults (the last 7 days, in the browser's zone) are taken once, when the form opens.
  const [initial] = useState<Form>(() => {
    const today = bounds(now(), zone).latest;
    return { type: 'audit-log', format: 'csv', from: addDays(today, -6), to: today, timeZone: zone };
  });
  const [form, setForm] = useState<Form>(initial);
  const [submitted, setSubmitted] = useState(false);

  const mutation = useMutation({
    mutationFn: (body: ReturnType<typeof requestBody>) => api.post<Report>('/api/v1/exports', body),
    onSuccess: (report) => {
      setSubmitted(false);
      void queryClient.invalidateQueries({ queryKey: ['exports'] });
      toast(t, { title: t('form.requestedTitle'), message: t('form.requestedText', { type: t(`types.${report.type}`) }), color: 'green' });
      onRequested?.(report);
    },
  });

  const violations = validate(form, now());
  const limits = form.timeZone && !violations.timeZone ? bounds(now(), form.timeZone) : null;
  const serverError = mutation.error instanceof ApiError ? mutation.error : null;
  const language = i18n.language;

  const message = (violation: Violation | undefined) =>
    violation
      ? t(violation.key, {
          ...violation.values,
          launch: formatDay(LAUNCH_DATE, language),
          earliest: violation.values?.earliest ? formatDay(String(violation.values.earliest), language) : '',
        })
      : undefined;
  // A broken rule shows as soon as the field is changed (or on submit); the service's own reason after a refusal.
  const fieldError = (field: 'from' | 'to' | 'timeZone') => {
    if (serverError?.fieldError(field) && !mutation.isPending) return serverError.fieldError(field);
    return submitted || form[field] !== initial[field] ? message(violations[field]) : undefined;
  };
  // Reasons for fields without an input of their own (or a problem without fields: a 403, a 503) go above the button.
  const otherServerErrors = serverError?.problem?.errors?.filter((e) => !(FIELDS_BESIDE as readonly string[]).includes(e.field)) ?? [];
  const showServerAlert = serverError && !mutation.isPending && (otherServerErrors.length > 0 || !serverError.problem?.errors?.length);

  // The service's rule for the first day, stated beside the field before anything is sent.
  const periodRule = limits ? (
    <span data-testid="period-rule">
      {t(limits.limitedBy === 'launch' ? 'form.ruleLaunch' : 'form.ruleLookback', {
        days: LOOKBACK_DAYS,
        earliest: formatDay(limits.earliest, language),
        launch: formatDay(LAUNCH_DATE, language),
        zone: form.timeZone,
      })}
    </span>
  ) : undefined;

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    mutation.reset();
    setForm((current) => ({ ...current, [key]: value }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (Object.keys(validate(form, now())).length > 0) return;
    mutation.mutate(requestBody(form));
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="report-form-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h3" id="report-form-title">
            {t('form.title')}
          </Title>
          <Radio.Group label={t('form.type')} value={form.type} onChange={(value) => set('type', value as ReportType)}>
            <Group mt={4}>
              {reportTypes.map((type) => (
                <Radio key={type} value={type} label={t(`types.${type}`)} description={t(`typeHints.${type}`)} styles={readable} />
              ))}
            </Group>
          </Radio.Group>
          <Group align="flex-start" grow wrap="wrap">
            <TextInput
              type="date"
              label={t('form.from')}
              description={periodRule}
              styles={readable}
              value={form.from}
              min={limits?.earliest}
              max={limits?.latest}
              onChange={(e) => set('from', e.currentTarget.value)}
              error={fieldError('from')}
              required
            />
            <TextInput
              type="date"
              label={t('form.to')}
              description={t('form.toHint')}
              styles={readable}
              value={form.to}
              min={form.from || limits?.earliest}
              max={limits?.latest}
              onChange={(e) => set('to', e.currentTarget.value)}
              error={fieldError('to')}
              required
            />
            <Select
              label={t('form.timeZone')}
              description={t('form.timeZoneHint', { zone })}
              styles={readable}
              data={zones}
              value={form.timeZone}
              onChange={(value) => set('timeZone', value ?? '')}
              searchable
              limit={50}
              allowDeselect={false}
              nothingFoundMessage={t('form.noZone')}
              error={fieldError('timeZone')}
              required
            />
            <Select
              label={t('form.format')}
              data={reportFormats.map((f) => ({ value: f, label: t(`formats.${f}`) }))}
              value={form.format}
              onChange={(value) => set('format', (value ?? 'csv') as ReportFormat)}
              allowDeselect={false}
            />
          </Group>
          {showServerAlert && (
            <Alert color="red" role="alert" title={t('form.refused')}>
              {otherServerErrors.length > 0
                ? otherServerErrors.map((e) => <Text key={e.field} size="sm">{`${e.field}: ${e.reason}`}</Text>)
                : serverError?.message}
            </Alert>
          )}
          {mutation.error && !(mutation.error instanceof ApiError) && (
            <Alert color="red" role="alert" title={t('form.refused')}>
              {mutation.error.message}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={mutation.isPending}>
              {t('form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
