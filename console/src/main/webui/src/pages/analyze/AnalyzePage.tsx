import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';
import { ApiError } from '../../api/problem';
import { useCatalog } from '../../api/queries';
import type { Query } from '../../api/client';
import { ErrorState, Loading } from '../../layout/states';
import { browserTimeZone, formatDate, formatNumber } from '../../format/time';
import { addDays, dateInZone } from '../reports/rules';
import { Bars, CountLink, ItemTable, NoData, Section, Sparkline, StackedBars, type Item } from './charts';
import { measures, type GroupBy, type Measure, type Series, type Summary, type Top } from './types';

export const periods = [7, 30, 90] as const;
const colors: Record<Measure, string> = { logins: '#228be6', deletions: '#fa5252', exports: '#7950f2', reports: '#12b886' };

/** The period's local dates: the last `days` days including today, `to` exclusive, as the service takes them. */
export function periodRange(days: number, now: number, zone: string): { from: string; to: string } {
  const to = addDays(dateInZone(now, zone), 1);
  return { from: addDays(to, -days), to };
}

function useAnalytics<T>(path: string, query: Query) {
  const api = useApi();
  return useQuery({
    queryKey: ['analytics', path, query],
    queryFn: ({ signal }) => api.get<T>(`/api/v1/analytics/${path}`, query, signal),
    staleTime: 30_000,
  });
}

/** The catalog's English labels of codes (categories, actions), left as the API gives them; the code otherwise. */
function useLabels() {
  const catalog = useCatalog();
  return useMemo(() => {
    const labels = new Map<string, string>();
    for (const c of catalog.data?.categories ?? []) {
      labels.set(`category:${c.code}`, c.label);
      for (const a of c.actions) labels.set(`action:${a.code}`, a.label);
      for (const s of c.subcategories) labels.set(`subcategory:${s.code}`, s.label);
    }
    return {
      label: (kind: string, code: string) => labels.get(`${kind}:${code}`) ?? code,
      categories: (catalog.data?.categories ?? []).map((c) => ({ value: c.code, label: c.label })),
    };
  }, [catalog.data]);
}

function Body<T>({ query, children }: { query: { isPending: boolean; error: unknown; data?: T; refetch: () => unknown }; children: (data: T) => React.ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.error || query.data === undefined) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

function Tiles({ range, zone }: { range: { from: string; to: string }; zone: string }) {
  const { t, i18n } = useTranslation('analyze');
  const summary = useAnalytics<Summary>('summary', { ...range, tz: zone });
  return (
    <Section
      title={t('tiles.title')}
      table={
        summary.data && (
          <Table withTableBorder striped>
            <Table.Caption c="gray.7">{t('tiles.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('table.day')}</Table.Th>
                {measures.map((m) => (
                  <Table.Th scope="col" key={m}>
                    {t(`tiles.${m}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.data.days.map((day) => (
                <Table.Tr key={day.date}>
                  <Table.Th scope="row" fw={400}>
                    {formatDate(`${day.date}T00:00:00Z`, i18n.language, 'UTC')}
                  </Table.Th>
                  {measures.map((m) => (
                    <Table.Td key={m}>
                      <CountLink count={day[m]} label={t('tiles.openDay', { what: t(`tiles.${m}`), day: formatDate(`${day.date}T00:00:00Z`, i18n.language, 'UTC'), n: formatNumber(day[m].count, i18n.language) })} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      }
    >
      <Body query={summary}>
        {(data) => (
          <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }}>
            {measures.map((m) => (
              <Paper key={m} withBorder p="sm" radius="md" data-testid={`tile-${m}`}>
                <Text size="sm" c="gray.7" fw={600}>
                  {t(`tiles.${m}`)}
                </Text>
                <Text size="xl" fw={700}>
                  <CountLink count={data.totals[m]} label={t('tiles.openTotal', { what: t(`tiles.${m}`), n: formatNumber(data.totals[m].count, i18n.language) })} />
                </Text>
                <Sparkline
                  color={colors[m]}
                  name={t('tiles.sparkline', { what: t(`tiles.${m}`) })}
                  days={data.days.map((d) => ({ ...d[m], label: d.date }))}
                />
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </Body>
    </Section>
  );
}

function CategoryFilter({ value, onChange, categories }: { value: string | null; onChange: (v: string | null) => void; categories: { value: string; label: string }[] }) {
  const { t } = useTranslation('analyze');
  return (
    <Select size="xs" w={200} label={t('filters.category')} placeholder={t('filters.allCategories')} data={categories} value={value} onChange={onChange} clearable searchable />
  );
}

function ActorFilter({ value, onChange, range, zone }: { value: string | null; onChange: (v: string | null) => void; range: { from: string; to: string }; zone: string }) {
  const { t } = useTranslation('analyze');
  // The people with events in the period are the ones worth choosing; the top list names them by id.
  const top = useAnalytics<Top>('top-actors', { ...range, tz: zone, limit: 100 });
  const data = (top.data?.items ?? []).map((i) => i.actor ?? '').filter(Boolean);
  return (
    <Select size="xs" w={200} label={t('filters.actor')} placeholder={t('filters.allActors')} data={data} value={value} onChange={onChange} clearable searchable />
  );
}

/** A series' totals as bars (the breakdown over the whole period), with a filter of its own. */
function TotalsSection({
  title,
  groupBy,
  kind,
  color,
  range,
  zone,
  filter,
}: {
  title: string;
  groupBy: GroupBy;
  kind: string;
  color: string;
  range: { from: string; to: string };
  zone: string;
  filter: 'actor' | 'category';
}) {
  const { t } = useTranslation('analyze');
  const labels = useLabels();
  const [value, setValue] = useState<string | null>(null);
  const series = useAnalytics<Series>('series', { groupBy, ...range, tz: zone, ...(value ? { [filter]: value } : {}) });
  const items: Item[] = (series.data?.totals ?? []).map((g) => ({ ...g, label: labels.label(kind, g.key) }));
  return (
    <Section
      title={title}
      filters={
        filter === 'category' ? (
          <CategoryFilter value={value} onChange={setValue} categories={labels.categories} />
        ) : (
          <ActorFilter value={value} onChange={setValue} range={range} zone={zone} />
        )
      }
      table={series.data && items.length > 0 && <ItemTable items={items} caption={title} header={t(`headers.${groupBy}`)} />}
    >
      <Body query={series}>{() => (items.length === 0 ? <NoData /> : <Bars items={items} color={color} name={t('chartName', { title })} />)}</Body>
    </Section>
  );
}

function LoginTrend({ range, zone }: { range: { from: string; to: string }; zone: string }) {
  const { t, i18n } = useTranslation('analyze');
  const labels = useLabels();
  const [interval, setStep] = useState<'day' | 'week'>('day');
  const [actor, setActor] = useState<string | null>(null);
  const series = useAnalytics<Series>('series', { groupBy: 'login-outcome', interval, ...range, tz: zone, actor: actor ?? undefined });
  const stacks = [
    { key: 'LOGIN_SUCCEEDED', label: labels.label('subcategory', 'LOGIN_SUCCEEDED'), color: '#40c057' },
    { key: 'LOGIN_FAILED', label: labels.label('subcategory', 'LOGIN_FAILED'), color: '#fa5252' },
  ];
  const day = (date: string) => formatDate(`${date}T00:00:00Z`, i18n.language, 'UTC');
  const rows = (series.data?.buckets ?? []).map((b) => ({
    label: day(b.start),
    total: b,
    ...Object.fromEntries(b.groups.map((g) => [g.key, g])),
  }));
  const title = t('sections.logins');
  return (
    <Section
      title={title}
      filters={
        <>
          <Select
            size="xs"
            w={130}
            label={t('filters.interval')}
            data={[
              { value: 'day', label: t('filters.day') },
              { value: 'week', label: t('filters.week') },
            ]}
            value={interval}
            onChange={(v) => setStep((v ?? 'day') as 'day' | 'week')}
            allowDeselect={false}
          />
          <ActorFilter value={actor} onChange={setActor} range={range} zone={zone} />
        </>
      }
      table={
        series.data && (
          <Table withTableBorder striped>
            <Table.Caption c="gray.7">{title}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t(interval === 'day' ? 'table.day' : 'table.week')}</Table.Th>
                {stacks.map((s) => (
                  <Table.Th scope="col" key={s.key}>
                    {s.label}
                  </Table.Th>
                ))}
                <Table.Th scope="col">{t('table.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {series.data.buckets.map((b) => (
                <Table.Tr key={b.start}>
                  <Table.Th scope="row" fw={400}>
                    {day(b.start)}
                  </Table.Th>
                  {stacks.map((s) => {
                    const g = b.groups.find((x) => x.key === s.key);
                    return (
                      <Table.Td key={s.key}>
                        {g ? <CountLink count={g} label={t('table.openLog', { what: `${s.label}, ${day(b.start)}`, n: formatNumber(g.count, i18n.language) })} /> : formatNumber(0, i18n.language)}
                      </Table.Td>
                    );
                  })}
                  <Table.Td>
                    <CountLink count={b} label={t('table.openLog', { what: `${title}, ${day(b.start)}`, n: formatNumber(b.count, i18n.language) })} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      }
    >
      <Body query={series}>{(data) => (data.totals.length === 0 ? <NoData /> : <StackedBars rows={rows} stacks={stacks} name={t('chartName', { title })} />)}</Body>
    </Section>
  );
}

function TopActors({ range, zone }: { range: { from: string; to: string }; zone: string }) {
  const { t } = useTranslation('analyze');
  const [limit, setLimit] = useState('10');
  const top = useAnalytics<Top>('top-actors', { ...range, tz: zone, limit });
  const items: Item[] = (top.data?.items ?? []).map((i) => ({ key: i.actor ?? '', label: i.actor ?? '', count: i.count, query: i.query }));
  const title = t('sections.actors');
  return (
    <Section
      title={title}
      filters={
        <Select size="xs" w={110} label={t('filters.limit')} data={['10', '25', '50']} value={limit} onChange={(v) => setLimit(v ?? '10')} allowDeselect={false} />
      }
      table={top.data && items.length > 0 && <ItemTable items={items} caption={title} header={t('headers.actor')} />}
    >
      <Body query={top}>{() => (items.length === 0 ? <NoData /> : <Bars items={items} color="#fd7e14" name={t('chartName', { title })} />)}</Body>
    </Section>
  );
}

/** Analyze: the analytics-service's dashboards; every bar, point and number opens the log filtered to its events. */
export default function AnalyzePage() {
  const { t, i18n } = useTranslation('analyze');
  const [params, setParams] = useSearchParams();
  const days = periods.find((p) => String(p) === params.get('days')) ?? 30;
  const zone = browserTimeZone();
  const range = useMemo(() => periodRange(days, Date.now(), zone), [days, zone]);
  // The plan gate answers for all dashboards: the summary's 403 is the page's.
  const summary = useAnalytics<Summary>('summary', { ...range, tz: zone });
  const forbidden = summary.error instanceof ApiError && summary.error.status === 403;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Title order={1}>{t('title')}</Title>
          <Text c="gray.7" size="sm">
            {t('intro', {
              from: formatDate(`${range.from}T00:00:00Z`, i18n.language, 'UTC'),
              to: formatDate(`${addDays(range.to, -1)}T00:00:00Z`, i18n.language, 'UTC'),
              zone,
            })}
          </Text>
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="period-label">
            {t('period.label')}
          </Text>
          <SegmentedControl
            aria-labelledby="period-label"
            value={String(days)}
            onChange={(v) => setParams((p) => {
              const next = new URLSearchParams(p);
              next.set('days', v);
              return next;
            }, { replace: true })}
            data={periods.map((p) => ({ value: String(p), label: t('period.days', { count: p }) }))}
          />
        </Stack>
      </Group>
      {forbidden ? (
        <Alert color="yellow" title={t('forbidden.title')} role="alert">
          {t('forbidden.text')}
        </Alert>
      ) : (
        <>
          <Tiles range={range} zone={zone} />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <TotalsSection title={t('sections.categories')} groupBy="category" kind="category" color="#228be6" range={range} zone={zone} filter="actor" />
            <TotalsSection title={t('sections.actions')} groupBy="action" kind="action" color="#7950f2" range={range} zone={zone} filter="category" />
          </SimpleGrid>
          <LoginTrend range={range} zone={zone} />
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <TotalsSection title={t('sections.objectTypes')} groupBy="object-type" kind="objectType" color="#15aabf" range={range} zone={zone} filter="category" />
            <TopActors range={range} zone={zone} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
