import { Badge, Button, Code, CopyButton, Group, List, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format/time';
import { Loading } from '../../layout/states';
import { saveJson, useKeys, useKeySet, useNewestHead } from '../../integrity/queries';
import { verifyHead } from '../../integrity/verify';
import { verifierCommands, type Commands } from './commands';

const STEPS: { key: keyof Commands; title: string; text: string }[] = [
  { key: 'jar', title: 'page.jarTitle', text: 'page.jarText' },
  { key: 'fetch', title: 'page.filesTitle', text: 'page.filesText' },
  { key: 'event', title: 'page.eventTitle', text: 'page.eventText' },
  { key: 'consistency', title: 'page.consistencyTitle', text: 'page.consistencyText' },
  { key: 'log', title: 'page.logTitle', text: 'page.logText' },
  { key: 'report', title: 'page.reportTitle', text: 'page.reportText' },
];

/**
 * "Verify offline": what the seal guarantees, the newest signed tree head and the published keys to download (the
 * verifier's head.json and keys.json), and the verifier's commands to copy. The head shown is checked against the
 * keys here too, so the page never offers a head it could not verify.
 */
export default function IntegrityPage() {
  const { t } = useTranslation('integrity');
  const head = useNewestHead();
  const commands = verifierCommands(window.location.origin, head.data?.treeSize ?? null);
  return (
    <Stack gap="lg" maw={960}>
      <Stack gap={4}>
        <Title order={1}>{t('page.title')}</Title>
        <Text c="gray.7">{t('page.intro')}</Text>
      </Stack>
      <section aria-labelledby="integrity-guarantees">
        <Title order={2} size="h3" id="integrity-guarantees" mb="xs">
          {t('page.guaranteesTitle')}
        </Title>
        <List spacing={4} size="sm">
          {(['changed', 'deleted', 'rewritten', 'reports'] as const).map((k) => (
            <List.Item key={k}>{t(`page.guarantees.${k}`)}</List.Item>
          ))}
        </List>
        <Text size="sm" c="gray.7" mt="xs">
          {t('page.limits')}
        </Text>
      </section>
      <NewestHead />
      <Keys />
      <section aria-labelledby="integrity-steps">
        <Title order={2} size="h3" id="integrity-steps" mb="xs">
          {t('page.stepsTitle')}
        </Title>
        <Stack gap="md">
          {STEPS.map((step) => (
            <Step key={step.key} id={`integrity-step-${step.key}`} title={t(step.title)} text={t(step.text)} command={commands[step.key]} />
          ))}
          <Text size="sm">{t('page.resultText')}</Text>
        </Stack>
      </section>
    </Stack>
  );
}

function NewestHead() {
  const { t, i18n } = useTranslation('integrity');
  const head = useNewestHead();
  const keys = useKeys();
  const check = useQuery({
    queryKey: ['integrity', 'head-check', head.data, keys.data],
    queryFn: () => verifyHead(head.data, keys.keys!),
    enabled: Boolean(head.data && keys.keys),
    staleTime: Infinity,
    retry: false,
  });
  let body;
  if (head.isPending) body = <Loading />;
  else if (head.error) body = <Text size="sm" c="gray.7">{t('page.loadFailed')} {head.error.message}</Text>;
  else if (!head.data) body = <Text size="sm">{t('page.headNone')}</Text>;
  else {
    const h = head.data;
    body = (
      <Stack gap="xs">
        <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} layout="fixed">
          <Table.Tbody>
            {[
              [t('page.treeSize'), String(h.treeSize)],
              [t('page.issuedAt'), formatDateTime(h.issuedAt, i18n.language)],
              [t('page.keyId'), h.keyId],
              [t('page.rootHash'), <Code key="root">{h.rootHash}</Code>],
            ].map(([label, value]) => (
              <Table.Tr key={String(label)}>
                <Table.Th w="30%" fw={500} c="gray.7" fz="sm" scope="row">
                  {label}
                </Table.Th>
                <Table.Td fz="sm" style={{ overflowWrap: 'anywhere' }}>
                  {value}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <div aria-live="polite" aria-atomic="true" data-testid="head-result">
          {check.data?.status === 'verified' && (
            <Group gap="xs">
              <Badge color="green" variant="light">
                {t('event.verified')}
              </Badge>
              <Text size="sm">{t('page.headVerified')}</Text>
            </Group>
          )}
          {check.data?.status === 'failed' && (
            <Text size="sm" c="red.9" fw={600}>
              {t('page.headFailed', { step: t(`steps.${check.data.step}`, { subject: check.data.subject ?? '' }) })}
            </Text>
          )}
        </div>
        <Button variant="light" w="fit-content" onClick={() => saveJson('head.json', h)}>
          {t('page.downloadHead')}
        </Button>
      </Stack>
    );
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="integrity-head">
      <Title order={2} size="h3" id="integrity-head" mb="xs">
        {t('page.headTitle')}
      </Title>
      {body}
    </Paper>
  );
}

function Keys() {
  const { t } = useTranslation('integrity');
  const set = useKeySet();
  let body;
  if (set.isPending) body = <Loading />;
  else if (set.error) body = <Text size="sm" c="gray.7">{t('page.loadFailed')} {set.error.message}</Text>;
  else if (!set.data.keys.length) body = <Text size="sm">{t('page.keysNone')}</Text>;
  else {
    body = (
      <Stack gap="xs">
        <List size="sm" spacing={2}>
          {set.data.keys.map((k) => (
            <List.Item key={String(k.kid)}>
              <Code>{String(k.kid)}</Code> · {String(k.alg ?? k.kty)} · <Code>{String(k.x)}</Code>
            </List.Item>
          ))}
        </List>
        <Button variant="light" w="fit-content" onClick={() => saveJson('keys.json', set.data)}>
          {t('page.downloadKeys')}
        </Button>
      </Stack>
    );
  }
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="integrity-keys">
      <Title order={2} size="h3" id="integrity-keys" mb="xs">
        {t('page.keysTitle')}
      </Title>
      <Text size="sm" c="gray.7" mb="xs">
        {t('page.keysText')}
      </Text>
      {body}
    </Paper>
  );
}

function Step({ id, title, text, command }: { id: string; title: string; text: string; command: string }) {
  const { t } = useTranslation('integrity');
  return (
    <section aria-labelledby={id}>
      <Title order={3} size="h5" id={id} mb={4}>
        {title}
      </Title>
      <Text size="sm" mb={4}>
        {text}
      </Text>
      <Group align="flex-start" wrap="nowrap" gap="xs">
        <Code block style={{ flex: 1, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {command}
        </Code>
        <CopyButton value={command}>
          {({ copied, copy }) => (
            <>
              {/* Named "Copy: <step>" so each of the six buttons says which command it copies. */}
              <Button size="compact-sm" variant={copied ? 'filled' : 'light'} onClick={copy}>
                {copied ? t('page.copied') : t('page.copy')}
                <VisuallyHidden>: {title}</VisuallyHidden>
              </Button>
              <VisuallyHidden aria-live="polite">{copied ? t('page.copied') : ''}</VisuallyHidden>
            </>
          )}
        </CopyButton>
      </Group>
    </section>
  );
}

