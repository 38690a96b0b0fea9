import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError } from '../../api/problem';
import type { AuditEvent } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { ConfirmDialog } from '../../layout/ConfirmDialog';
import { useRequestRestore, useRestoreStatus, type RestoreRecord } from './restore';

const stateColor: Record<string, string> = { PENDING: 'blue', SUCCEEDED: 'green', FAILED: 'red' };

/** Only a deletion can be restored: the details show this section for DELETE entries and no other. */
export function isRestorable(event: AuditEvent): boolean {
  return event.action === 'DELETE';
}

const reasons = ['NOT_A_DELETE', 'TOO_OLD', 'NO_ENDPOINT', 'PENDING'];

/** Why a deletion cannot be restored, in words; an unknown code says so (the service's detail then tells why). */
export function reasonText(t: TFunction, reason: string | null | undefined): string {
  return reason && reasons.includes(reason) ? t(`restore.reason.${reason}`) : t('restore.reason.unknown');
}

/**
 * "Restore" in a deletion's details: until when it can be restored, the button (after a confirmation naming the
 * object), why not when it cannot, and every restore asked so far with its state, asked again every few seconds
 * while one is pending.
 */
export function RestoreSection({ event }: { event: AuditEvent }) {
  const { t, i18n } = useTranslation('log');
  const status = useRestoreStatus(event.id);
  const request = useRequestRestore(event.id);
  const [confirming, setConfirming] = useState(false);
  // The Restore button goes once a restore is pending: focus moves to the section, not to the page's start.
  const heading = useRef<HTMLHeadingElement>(null);
  const asked = request.isSuccess && !confirming;
  useEffect(() => {
    if (asked) heading.current?.focus();
  }, [asked]);
  const object = event.object.name || event.object.id || t('restore.thisRecord');
  const headingId = `details-restore-${event.id}`;

  let body;
  if (status.isPending) body = <Loader size="sm" role="status" aria-label={t('restore.loading')} />;
  else if (status.error)
    body = (
      <Group gap="xs">
        <Text size="sm" c="red.8" role="alert">
          {t('restore.loadFailed')} {status.error.message}
        </Text>
        <Button size="compact-xs" variant="light" onClick={() => void status.refetch()}>
          {t('restore.retry')}
        </Button>
      </Group>
    );
  else {
    const s = status.data;
    body = (
      <Stack gap="xs">
        {s.restorableUntil && (
          <Text size="sm">
            {t(Date.parse(s.restorableUntil) > Date.now() ? 'restore.until' : 'restore.ended', {
              when: formatDateTime(s.restorableUntil, i18n.language),
            })}
          </Text>
        )}
        {s.eligible ? (
          <Group>
            <Button size="xs" onClick={() => setConfirming(true)} aria-label={t('restore.buttonOf', { object })}>
              {t('restore.button')}
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="gray.7">
            {reasonText(t, s.reason)}
          </Text>
        )}
        <RestoreHistory restores={s.restores} />
      </Stack>
    );
  }

  const refusal = request.error instanceof ApiError && request.error.status === 409 ? request.error : null;
  // A 409 says why in two ways: its `reason` (in the person's language) and its `detail` (the service's English).
  const failure = !request.error
    ? null
    : refusal
      ? [reasonText(t, refusal.problem?.reason), refusal.problem?.detail].filter(Boolean).join(' ')
      : request.error.message;

  return (
    <section aria-labelledby={headingId}>
      <Title order={3} size="h5" mb={4} id={headingId} ref={heading} tabIndex={-1}>
        {t('restore.title')}
      </Title>
      {body}
      <ConfirmDialog
        opened={confirming}
        title={t('restore.confirmTitle', { object })}
        confirmLabel={t('restore.confirm')}
        destructive={false}
        pending={request.isPending}
        error={failure}
        returnFocus={!request.isSuccess}
        onConfirm={() => request.mutate(undefined, { onSuccess: () => setConfirming(false) })}
        onClose={() => {
          setConfirming(false);
          request.reset();
        }}
      >
        <Text size="sm">
          {t('restore.confirmText', {
            object,
            type: event.object.type ?? '',
            who: event.actor.name || event.actor.email || event.actor.id || t('restore.someone'),
            when: formatDateTime(event.occurredAt, i18n.language),
          })}
        </Text>
        <Text size="sm">{t('restore.confirmHow')}</Text>
      </ConfirmDialog>
    </section>
  );
}

/** The restores asked for this deletion, newest first; a live region so a screen reader hears a state change. */
function RestoreHistory({ restores }: { restores: RestoreRecord[] }) {
  const { t } = useTranslation('log');
  if (!restores.length) return null;
  return (
    <div role="status" aria-live="polite">
      <Text size="sm" fw={500} mt={4}>
        {t('restore.history')}
      </Text>
      <ul aria-label={t('restore.history')} style={{ margin: 0, paddingLeft: '1.2rem' }}>
        {restores.map((r) => (
          <RestoreItem key={r.id} record={r} />
        ))}
      </ul>
    </div>
  );
}

function RestoreItem({ record: r }: { record: RestoreRecord }) {
  const { t, i18n } = useTranslation('log');
  const at = (iso: string | null) => formatDateTime(iso, i18n.language);
  return (
    <li data-restore-id={r.id} data-state={r.state}>
      <Stack gap={2} py={4}>
        <Group gap="xs">
          {/* The dot variant keeps the label in the text colour: a light badge's green label is 3.8:1 on its tint. */}
          <Badge color={stateColor[r.state] ?? 'gray'} variant="dot" tt="none">
            {t(`restore.state.${r.state}`, { defaultValue: r.state })}
          </Badge>
          <Text size="sm">{t('restore.requested', { who: r.requestedBy.name || r.requestedBy.id || t('restore.someone'), when: at(r.requestedAt) })}</Text>
        </Group>
        {r.state === 'PENDING' && (
          <Text size="sm" c="gray.7">
            {r.nextAttemptAt
              ? t('restore.pending', { count: r.attempts, next: at(r.nextAttemptAt) })
              : t('restore.pendingNow', { count: r.attempts })}
          </Text>
        )}
        {r.state === 'SUCCEEDED' && <Text size="sm">{t('restore.succeeded', { when: at(r.completedAt) })}</Text>}
        {r.state === 'FAILED' && <Text size="sm">{t('restore.failed', { when: at(r.completedAt), count: r.attempts })}</Text>}
        {r.lastError && (
          <Text size="sm" c={r.state === 'FAILED' ? 'red.8' : 'gray.7'}>
            {t('restore.lastError', { error: r.lastError })}
          </Text>
        )}
        <Group gap="md">
          {r.requestEventId && (
            <Anchor component={Link} to={`/log/${encodeURIComponent(r.requestEventId)}`} size="sm">
              {t('restore.requestEntry')}
            </Anchor>
          )}
          {r.outcomeEventId && (
            <Anchor component={Link} to={`/log/${encodeURIComponent(r.outcomeEventId)}`} size="sm">
              {t('restore.outcomeEntry')}
            </Anchor>
          )}
        </Group>
      </Stack>
    </li>
  );
}
