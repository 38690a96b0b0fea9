import { Link } from 'react-router-dom';
import { Anchor, Badge, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';
import { useAccount } from '../../api/queries';
import { ApiError } from '../../api/problem';
import type { AuditEvent } from '../../api/types';
import { formatDateTime } from '../../format/time';
import { useKeys } from '../../integrity/queries';
import { verifyEvent, type EventFacts, type EventProof, type EventStep, type Outcome } from '../../integrity/verify';

/**
 * The entry's seal, checked in the browser: the proof (`GET /api/v1/events/{id}/proof`) and the published keys are
 * fetched, and the leaf, the audit path and the head's signature are computed here from the event as the log
 * returned it. "Verified" is shown only when all of that holds; a failure names the check that did not.
 */
export function IntegritySection({ event }: { event: AuditEvent }) {
  const { t } = useTranslation('integrity');
  const api = useApi();
  const account = useAccount();
  const proof = useQuery({
    queryKey: ['integrity', 'proof', event.id],
    queryFn: ({ signal }) => api.get<EventProof>(`/api/v1/events/${encodeURIComponent(event.id)}/proof`, undefined, signal),
    retry: false,
  });
  const keys = useKeys();
  // A plan without details gets the event without them, while its leaf was made of the full event.
  const detailsHidden = account.data?.eventDetails === false;
  const check = useQuery({
    queryKey: ['integrity', 'check', event, proof.data, keys.data, detailsHidden],
    queryFn: (): Promise<Outcome<EventStep, EventFacts>> =>
      detailsHidden ? Promise.resolve({ status: 'unverifiable', reason: 'planHidesDetails' }) : verifyEvent(event as unknown as Record<string, unknown>, proof.data!, keys.keys!),
    enabled: Boolean(proof.data && keys.keys && account.data),
    staleTime: Infinity,
    retry: false,
  });
  const headingId = `details-integrity-${event.id}`;

  let body;
  const error = proof.error ?? keys.error;
  if (proof.error instanceof ApiError && proof.error.status === 409) body = <Text size="sm">{t('event.notSealed')}</Text>;
  else if (error instanceof ApiError && error.status === 403) body = <Text size="sm" c="gray.7">{t('event.forbidden')}</Text>;
  else if (error) body = <Text size="sm" c="gray.7">{t('event.unavailable')}</Text>;
  else if (!check.data) body = <Group gap="xs"><Loader size="xs" role="status" aria-label={t('event.checking')} /><Text size="sm" c="gray.7">{t('event.checking')}</Text></Group>;
  else body = <Result outcome={check.data} />;

  return (
    <section aria-labelledby={headingId}>
      <Title order={3} size="h5" mb={4} id={headingId}>
        {t('event.title')}
      </Title>
      {/* The outcome is announced when it comes: the check runs after the panel opened. */}
      <div aria-live="polite" aria-atomic="true" data-testid="integrity-result">
        {body}
      </div>
    </section>
  );
}

function Result({ outcome }: { outcome: Outcome<EventStep, EventFacts> }) {
  const { t, i18n } = useTranslation('integrity');
  if (outcome.status === 'failed') {
    return (
      <Stack gap={4}>
        <Text size="sm" c="red.9" fw={600}>
          {t('event.failed', { step: t(`steps.${outcome.step}`, { subject: outcome.subject ?? '' }) })}
        </Text>
        <HowTo />
      </Stack>
    );
  }
  if (outcome.status === 'unverifiable') {
    return (
      <Stack gap={4}>
        <Badge color="gray" variant="light" w="fit-content">
          {t('event.notVerifiable')}
        </Badge>
        <Text size="sm">{t(`unverifiable.${outcome.reason}`)}</Text>
        <HowTo />
      </Stack>
    );
  }
  const facts: [string, string][] = [
    [t('event.treeSize'), String(outcome.treeSize)],
    [t('event.issuedAt'), formatDateTime(outcome.issuedAt, i18n.language)],
    [t('event.keyId'), outcome.keyId],
    [t('event.leafIndex'), String(outcome.leafIndex)],
  ];
  return (
    <Stack gap={4}>
      <Badge color="green" variant="light" w="fit-content">
        {t('event.verified')}
      </Badge>
      <Text size="sm">{t('event.verifiedText')}</Text>
      <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} layout="fixed">
        <Table.Tbody>
          {facts.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w="35%" fw={500} c="gray.7" fz="sm" scope="row">
                {label}
              </Table.Th>
              <Table.Td fz="sm">{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function HowTo() {
  const { t } = useTranslation('integrity');
  return (
    <Anchor component={Link} to="/integrity" size="sm" underline="always">
      {t('event.howTo')}
    </Anchor>
  );
}
