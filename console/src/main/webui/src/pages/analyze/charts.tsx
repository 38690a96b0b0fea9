import { useId, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Anchor, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format/time';
import { logUrl } from './logLink';
import type { Count } from './types';

/** A bar of a chart: what it counts, how many, and the log query of those events. */
export interface Item extends Count {
  key: string;
  label: string;
}

/** Opens the audit log filtered to exactly the events behind a count. */
export function useOpenLog() {
  const navigate = useNavigate();
  return (count: Count) => navigate(logUrl(count.query));
}

/** A count as a link to its events in the log (the keyboard's and the screen reader's way into a chart). */
export function CountLink({ count, label }: { count: Count; label: string }) {
  const { i18n } = useTranslation('analyze');
  return (
    <Anchor component={Link} to={logUrl(count.query)} aria-label={label} size="sm">
      {formatNumber(count.count, i18n.language)}
    </Anchor>
  );
}

/** A dashboard section: heading, its own filters, the chart, and its data as a table of links on request. */
export function Section({ title, filters, children, table }: { title: string; filters?: ReactNode; children: ReactNode; table?: ReactNode }) {
  const { t } = useTranslation('analyze');
  const [showTable, setShowTable] = useState(false);
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-end" wrap="wrap">
          <Title order={2} size="h4" id={`${id}-title`}>
            {title}
          </Title>
          {filters && <Group gap="xs" align="flex-end">{filters}</Group>}
        </Group>
        {children}
        {table && (
          <>
            <Group>
              <Button size="compact-xs" variant="default" aria-expanded={showTable} aria-controls={`${id}-table`} onClick={() => setShowTable((s) => !s)}>
                {showTable ? t('table.hide') : t('table.show')}
              </Button>
            </Group>
            <div id={`${id}-table`}>{showTable && table}</div>
          </>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * An axis label that fits the bar chart's label column (190 px, about 26 characters at 12 px). Recharts wraps labels
 * at spaces but not inside a word, and a word wider than the column is cut at its start: an actor id (a UUID) showed
 * only its tail. Such a word keeps its start and ends in an ellipsis; the tooltip and the table give it whole.
 */
export function tickLabel(label: string): string {
  return label
    .split(' ')
    .map((word) => (word.length > LABEL_WORD ? `${word.slice(0, LABEL_WORD - 1)}\u2026` : word))
    .join(' ');
}
const LABEL_WORD = 26;

/** Horizontal bars, one a group, each clickable to its events in the log. */
export function Bars({ items, color, name }: { items: Item[]; color: string; name: string }) {
  const { i18n } = useTranslation('analyze');
  const open = useOpenLog();
  const height = Math.max(120, items.length * 30 + 40);
  return (
    <div role="img" aria-label={name} style={{ width: '100%', height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={items} layout="vertical" margin={{ left: 8, right: 24 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, i18n.language)} />
          <YAxis type="category" dataKey="label" width={190} interval={0} tick={{ fontSize: 12 }} tickFormatter={tickLabel} />
          <Tooltip formatter={(value) => formatNumber(Number(value), i18n.language)} />
          <Bar dataKey="count" name={name} fill={color} cursor="pointer" onClick={(_, index) => open(items[index])} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The items of a bar chart as a table: the label and the count, a link to the events. */
export function ItemTable({ items, caption, header }: { items: Item[]; caption: string; header: string }) {
  const { t, i18n } = useTranslation('analyze');
  return (
    <Table withTableBorder striped>
      <Table.Caption c="gray.7">{caption}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{header}</Table.Th>
          <Table.Th scope="col">{t('table.events')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((item) => (
          <Table.Tr key={item.key}>
            <Table.Th scope="row" fw={400}>
              {item.label}
            </Table.Th>
            <Table.Td>
              <CountLink count={item} label={t('table.openLog', { what: item.label, n: formatNumber(item.count, i18n.language) })} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export interface StackDef {
  key: string;
  label: string;
  color: string;
}

/** One stacked bar per day or week, a segment per group; each segment opens its events. */
export function StackedBars({ rows, stacks, name }: { rows: ({ label: string } & Record<string, Count | string>)[]; stacks: StackDef[]; name: string }) {
  const { i18n } = useTranslation('analyze');
  const open = useOpenLog();
  const data = rows.map((row) => ({ label: row.label, ...Object.fromEntries(stacks.map((s) => [s.key, (row[s.key] as Count | undefined)?.count ?? 0])) }));
  return (
    <div role="img" aria-label={name} style={{ width: '100%', height: 260 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ left: 0, right: 16 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tickFormatter={(v: number) => formatNumber(v, i18n.language)} width={64} />
          <Tooltip formatter={(value) => formatNumber(Number(value), i18n.language)} />
          <Legend />
          {stacks.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stackId="all"
              fill={s.color}
              cursor="pointer"
              isAnimationActive={false}
              onClick={(_, index) => {
                const count = rows[index]?.[s.key] as Count | undefined;
                if (count) open(count);
              }}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** A tile's small daily bars (no axes); a bar opens that day's events. */
export function Sparkline({ days, color, name }: { days: (Count & { label: string })[]; color: string; name: string }) {
  const open = useOpenLog();
  return (
    <div role="img" aria-label={name} style={{ width: '100%', height: 48 }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={days} margin={{ top: 2, bottom: 0, left: 0, right: 0 }} accessibilityLayer={false}>
          <Bar dataKey="count" fill={color} cursor="pointer" isAnimationActive={false} minPointSize={1} onClick={(_, index) => open(days[index])} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function NoData() {
  const { t } = useTranslation('analyze');
  return (
    <Text size="sm" c="gray.7" py="md" ta="center">
      {t('noData')}
    </Text>
  );
}
