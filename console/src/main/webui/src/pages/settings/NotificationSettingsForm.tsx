import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Button, Fieldset, Group, NumberInput, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';
import { ApiError } from '../../api/problem';
import { formatNumber } from '../../format/time';
import { ErrorState, Loading } from '../../layout/states';

/** The notification-service's settings document (GET and PUT /api/v1/notification-settings). */
export interface NotificationSettings {
  email: string | null;
  alerts: { multipleExports: boolean; adminPermissionRemoved: boolean };
  mail: { exportReady: boolean; mentions: boolean };
  multipleExportsThreshold: number;
}

/** The service's own bounds of the threshold (SettingsRules): checked here too, so the form says so before saving. */
export const MIN_THRESHOLD = 1;
export const MAX_THRESHOLD = 100_000;

type Draft = Omit<NotificationSettings, 'multipleExportsThreshold'> & { multipleExportsThreshold: number | string };

const settingsKey = ['notification-settings'] as const;

/** The fields the service names in a 400 that have a control of their own; the rest are shown above the buttons. */
const FIELDS = ['alerts.adminPermissionRemoved', 'alerts.multipleExports', 'multipleExportsThreshold', 'mail.exportReady', 'mail.mentions', 'alerts'] as const;

export function NotificationSettingsForm() {
  const { t, i18n } = useTranslation('settings');
  const api = useApi();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => api.get<NotificationSettings>('/api/v1/notification-settings'),
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [thresholdError, setThresholdError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (settings.data && draft === null) setDraft(settings.data);
  }, [settings.data, draft]);

  const save = useMutation({
    mutationFn: (body: Omit<NotificationSettings, 'email'>) => api.put<NotificationSettings>('/api/v1/notification-settings', body),
    onSuccess: (result) => {
      queryClient.setQueryData(settingsKey, result);
      setDraft(result);
      setSaved(true);
    },
  });

  if (settings.isPending) return <Loading label={t('notify.loading')} />;
  if (settings.error) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!draft) return <Loading label={t('notify.loading')} />;

  const problem = save.error instanceof ApiError ? save.error : null;
  const fieldError = (field: string) => problem?.fieldError(field);
  const otherErrors = problem?.problem?.errors?.filter((e) => !(FIELDS as readonly string[]).includes(e.field)) ?? [];
  const dirty = JSON.stringify(draft) !== JSON.stringify(settings.data);

  const change = (next: Draft) => {
    setDraft(next);
    setSaved(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const threshold = draft.multipleExportsThreshold;
    if (typeof threshold !== 'number' || !Number.isInteger(threshold) || threshold < MIN_THRESHOLD || threshold > MAX_THRESHOLD) {
      setThresholdError(t('notify.thresholdRange', { min: formatNumber(MIN_THRESHOLD, i18n.language), max: formatNumber(MAX_THRESHOLD, i18n.language) }));
      return;
    }
    setThresholdError(null);
    setSaved(false);
    // The whole document, as the service requires; the address is the sign-in's and is not sent.
    save.mutate({ alerts: draft.alerts, mail: draft.mail, multipleExportsThreshold: threshold });
  };

  return (
    <Paper component="section" withBorder p="md" aria-labelledby="notify-heading">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h3" id="notify-heading">
              {t('notify.title')}
            </Title>
            <Text size="sm" data-testid="recipient">
              {draft.email ? t('notify.recipient', { email: draft.email }) : t('notify.noRecipient')}
            </Text>
          </div>

          <Fieldset legend={t('notify.alerts')} variant="unstyled" styles={{ legend: { fontWeight: 600 } }} aria-describedby={fieldError('alerts') ? 'alerts-error' : undefined}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('notify.alertsHint')}
              </Text>
              <Switch
                label={t('notify.adminPermissionRemoved')}
                description={t('notify.adminPermissionRemovedHint')}
                checked={draft.alerts.adminPermissionRemoved}
                onChange={(e) => change({ ...draft, alerts: { ...draft.alerts, adminPermissionRemoved: e.currentTarget.checked } })}
                error={fieldError('alerts.adminPermissionRemoved')}
              />
              <Switch
                label={t('notify.multipleExports')}
                description={t('notify.multipleExportsHint')}
                checked={draft.alerts.multipleExports}
                onChange={(e) => change({ ...draft, alerts: { ...draft.alerts, multipleExports: e.currentTarget.checked } })}
                error={fieldError('alerts.multipleExports')}
              />
              <NumberInput
                label={t('notify.threshold')}
                description={t('notify.thresholdHint')}
                value={draft.multipleExportsThreshold}
                onChange={(value) => {
                  setThresholdError(null);
                  change({ ...draft, multipleExportsThreshold: value });
                }}
                min={MIN_THRESHOLD}
                max={MAX_THRESHOLD}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                maw={280}
                error={thresholdError ?? fieldError('multipleExportsThreshold')}
              />
              {fieldError('alerts') && (
                <Text size="sm" c="var(--mantine-color-error)" id="alerts-error">
                  {t('notify.serviceSays', { reason: fieldError('alerts') })}
                </Text>
              )}
            </Stack>
          </Fieldset>

          <Fieldset legend={t('notify.mails')} variant="unstyled" styles={{ legend: { fontWeight: 600 } }}>
            <Stack gap="sm">
              <Switch
                label={t('notify.exportReady')}
                description={t('notify.exportReadyHint')}
                checked={draft.mail.exportReady}
                onChange={(e) => change({ ...draft, mail: { ...draft.mail, exportReady: e.currentTarget.checked } })}
                error={fieldError('mail.exportReady')}
              />
              <Switch
                label={t('notify.mentions')}
                description={t('notify.mentionsHint')}
                checked={draft.mail.mentions}
                onChange={(e) => change({ ...draft, mail: { ...draft.mail, mentions: e.currentTarget.checked } })}
                error={fieldError('mail.mentions')}
              />
            </Stack>
          </Fieldset>

          {save.error && (!problem || problem.status !== 400 || otherErrors.length > 0) && (
            <Alert color="red" title={t('notify.saveFailed')} role="alert">
              {otherErrors.length > 0 ? otherErrors.map((e) => <Text key={e.field} size="sm">{`${e.field}: ${e.reason}`}</Text>) : <Text size="sm">{save.error.message}</Text>}
            </Alert>
          )}
          {problem?.status === 400 && otherErrors.length === 0 && (
            <Text size="sm" c="var(--mantine-color-error)" role="alert">
              {t('notify.fixFields')}
            </Text>
          )}

          <Group>
            <Button type="submit" loading={save.isPending} disabled={!dirty}>
              {t('notify.save')}
            </Button>
            <Button
              variant="default"
              disabled={!dirty || save.isPending}
              onClick={() => {
                setDraft(settings.data);
                setThresholdError(null);
                save.reset();
              }}
            >
              {t('notify.discard')}
            </Button>
            <Group gap={4} role="status" wrap="nowrap">
              {saved && (
                <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="var(--mantine-color-green-9)" strokeWidth="3" aria-hidden="true">
                  <path d="M20 6 9 17l-5-5" />
                </svg>
              )}
              <Text size="sm" fw={saved ? 600 : undefined}>
                {saved ? t('notify.saved') : dirty ? t('notify.unsaved') : ''}
              </Text>
            </Group>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
