import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';
import { verifyManifest, type ManifestFacts } from '../../integrity/manifest';
import { useKeys } from '../../integrity/queries';
import type { ManifestStep, Outcome } from '../../integrity/verify';
import { formatDateTime } from '../../format/time';
import { useReport } from './ReportList';
import { toast } from './toast';
import type { Report } from './types';

/**
 * A badge in a narrow table column keeps its whole word: Mantine cuts a badge's label with an ellipsis at the
 * cell's width, and the list's Status column showed "VERIFI…" beside "READY".
 */
export const WHOLE_BADGE = { root: { maxWidth: 'none', width: 'max-content', overflow: 'visible' }, label: { overflow: 'visible' } };

/**
 * A completed report's signed manifest, checked in the browser: the manifest's and its tree head's signatures with
 * the published keys, and its files against the files the export API lists (names, sizes, SHA-256). "Verified"
 * only when all of that holds. `compact` is the list's form: the mark alone, the downloads on the report's page.
 */
export function ReportIntegrity({ report, compact = false }: { report: Report; compact?: boolean }) {
  const { t } = useTranslation('integrity');
  const api = useApi();
  const completed = report.status === 'COMPLETED';
  // The list's entries carry no files: the report asked for by id (the query ReportFiles already makes) has them.
  const detail = useReport(report.id, completed && report.files.length === 0);
  const full = report.files.length > 0 ? report : detail.data;
  const link = full?.manifest ?? report.manifest ?? null;
  const manifest = useQuery({
    queryKey: ['exports', 'manifest', report.id],
    queryFn: ({ signal }) => api.get<unknown>(link!.url, undefined, signal),
    enabled: completed && Boolean(link),
    staleTime: Infinity,
    retry: false,
  });
  const keys = useKeys();
  const check = useQuery({
    queryKey: ['exports', 'manifest-check', report.id, manifest.data, full, keys.data],
    queryFn: () => verifyManifest(manifest.data, { id: full!.id, files: full!.files, manifest: full!.manifest ?? null }, keys.keys!),
    enabled: Boolean(manifest.data && full && keys.keys),
    staleTime: Infinity,
    retry: false,
  });
  if (!completed) return null;

  let body;
  if (!link && (full || report.manifest === null)) {
    body = compact ? (
      <Text size="xs" c="gray.7">{t('report.noManifest')}</Text>
    ) : (
      <Stack gap={2}>
        <Text size="sm" fw={600}>{t('report.noManifest')}</Text>
        <Text size="sm" c="gray.7">{t('report.noManifestText')}</Text>
      </Stack>
    );
  } else if (manifest.error || keys.error || detail.error) {
    body = <Text size={compact ? 'xs' : 'sm'} c="gray.7">{t('report.unavailable')}</Text>;
  } else if (!check.data) {
    body = (
      <Group gap="xs" wrap="nowrap">
        <Loader size="xs" role="status" aria-label={t('report.checking')} />
        {!compact && <Text size="sm" c="gray.7">{t('report.checking')}</Text>}
      </Group>
    );
  } else {
    body = <Result outcome={check.data} compact={compact} />;
  }

  return (
    <Stack gap={4}>
      <div aria-live="polite" aria-atomic="true" data-testid={`report-integrity-${report.id}`}>
        {body}
      </div>
      {!compact && link && <Downloads report={report} link={link} api={api} />}
    </Stack>
  );
}

function Result({ outcome, compact }: { outcome: Outcome<ManifestStep, ManifestFacts>; compact: boolean }) {
  const { t, i18n } = useTranslation('integrity');
  if (outcome.status === 'failed') {
    return (
      <Text size={compact ? 'xs' : 'sm'} c="red.9" fw={600}>
        {t('report.failed', { step: t(`steps.${outcome.step}`, { subject: outcome.subject ?? '' }) })}
      </Text>
    );
  }
  if (outcome.status === 'unverifiable') {
    return (
      <Stack gap={2}>
        <Text size={compact ? 'xs' : 'sm'} fw={600}>{t('report.notVerifiable')}</Text>
        {!compact && <Text size="sm">{t(`unverifiable.${outcome.reason}`)}</Text>}
      </Stack>
    );
  }
  const badge = (
    <Badge color="green" variant="light" styles={WHOLE_BADGE}>
      {t('report.verified')}
    </Badge>
  );
  if (compact) return badge;
  return (
    <Stack gap={2}>
      {badge}
      <Text size="sm">{t('report.verifiedText', { count: outcome.files })}</Text>
      <Text size="xs" c="gray.7">
        {t('page.treeSize')}: {outcome.treeSize} · {outcome.issuedAt && <>{t('page.issuedAt')}: {formatDateTime(outcome.issuedAt, i18n.language)} · </>}{t('page.keyId')}: {outcome.keyId}
      </Text>
      <Text size="xs" c="gray.7">
        {t('report.filesNote')}{' '}
        <Anchor component={Link} to="/integrity" size="xs" underline="always">
          {t('event.howTo')}
        </Anchor>
      </Text>
    </Stack>
  );
}

/** The manifest and proof files, downloaded through the console's origin with the person's token, as report files are. */
function Downloads({ report, link, api }: { report: Report; link: NonNullable<Report['manifest']>; api: ReturnType<typeof useApi> }) {
  const { t } = useTranslation('integrity');
  const { t: tReports } = useTranslation('reports');
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (url: string, name: string) => {
    setBusy(url);
    try {
      await api.download(url, name);
    } catch (error) {
      toast(tReports, { color: 'red', title: t('report.downloadFailed'), message: error instanceof Error ? error.message : '' });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs">
      <Button size="compact-xs" variant="light" loading={busy === link.url} onClick={() => void download(link.url, `${report.id}-manifest.json`)}>
        {t('report.downloadManifest')}
      </Button>
      {link.proofUrl && (
        <Button size="compact-xs" variant="light" loading={busy === link.proofUrl} onClick={() => void download(link.proofUrl!, `${report.id}-proof.ndjson`)}>
          {t('report.downloadProof')}
        </Button>
      )}
    </Group>
  );
}
