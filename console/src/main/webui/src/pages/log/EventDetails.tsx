import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Anchor, Badge, Group, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import type { AuditEvent } from '../../api/types';
import { browserTimeZone, formatDateTime } from '../../format/time';
import { EmptyState, ErrorState, Loading } from '../../layout/states';
import { CommentsSection } from '../comments/CommentsSection';
import { actorTypeLabel, countryName, departmentLabel } from './EventTable';
import { useEvent, type CatalogOptions } from './data';
import { ExportReportSection, exportJobId } from './ExportReport';
import { objectHref } from './links';
import { IntegritySection } from './IntegritySection';
import { LOG_ACCESS, LogAccessSection } from './LogAccess';
import { isRestorable, RestoreSection } from './RestoreSection';
import classes from './log.module.css';

/** The details of one event, asked for by id (a deep link opens it even when it is not among the loaded rows). */
export function EventDetails({ id, catalog }: { id: string; catalog: CatalogOptions }) {
  const { t } = useTranslation('log');
  const event = useEvent(id);
  // A comment's link (/log/<id>?comment=<commentId>) opens the entry with that comment's thread in view.
  const [search] = useSearchParams();
  if (event.isPending) return <Loading label={t('details.loading')} />;
  if (event.error instanceof ApiError && event.error.status === 404) {
    return <EmptyState title={t('details.notFound')} hint={t('details.notFoundHint', { id })} />;
  }
  if (event.error) return <ErrorState error={event.error} onRetry={() => void event.refetch()} />;
  return (
    <Stack gap="lg">
      <EventDetailsView event={event.data} catalog={catalog} />
      <CommentsSection key={event.data.id} eventId={event.data.id} focus={search.get('comment')} />
    </Stack>
  );
}

export function EventDetailsView({ event, catalog }: { event: AuditEvent; catalog: CatalogOptions }) {
  const { t, i18n } = useTranslation('log');
  const object = objectHref(event);
  return (
    <Stack gap="md">
      <Section
        title={t('details.when')}
        facts={[
          [t('details.occurredAt'), formatDateTime(event.occurredAt, i18n.language)],
          [t('details.timeZone'), browserTimeZone()],
          [t('details.recordedAt'), formatDateTime(event.recordedAt, i18n.language)],
        ]}
      />
      <Section
        title={t('details.who')}
        facts={[
          [t('details.name'), event.actor.name],
          [t('details.email'), event.actor.email],
          [t('details.actorId'), event.actor.id],
          [t('details.actorType'), actorTypeLabel(t, event.actor.type)],
          [t('details.department'), event.actor.department ? departmentLabel(t, event.actor.department) : null],
          [t('details.teams'), event.actor.teams?.length ? (
            <Group gap={4}>
              {event.actor.teams.map((team) => (
                <Badge key={team} variant="light" color="gray" radius="sm" tt="none">
                  {team}
                </Badge>
              ))}
            </Group>
          ) : null],
        ]}
      />
      <Section
        title={t('details.what')}
        facts={[
          [t('details.category'), catalog.categoryLabel(event.category)],
          [t('details.subcategory'), catalog.subcategoryLabel(event.category, event.subcategory)],
          [t('details.action'), catalog.actionLabel(event.category, event.action)],
          [t('details.object'), event.object.name || event.object.id ? (
            object ? (
              <Anchor component={Link} to={object} size="sm">
                {event.object.name || event.object.id}
              </Anchor>
            ) : (
              event.object.name || event.object.id
            )
          ) : null],
          [t('details.objectType'), [event.object.type, event.object.itemType !== event.object.type ? event.object.itemType : null].filter(Boolean).join(' · ')],
          [t('details.objectId'), event.object.id],
          [t('details.path'), event.object.path],
        ]}
      />
      {isRestorable(event) && <RestoreSection event={event} />}
      {exportJobId(event) && <ExportReportSection event={event} />}
      {event.category === LOG_ACCESS && <LogAccessSection event={event} />}
      <Section
        title={t('details.where')}
        facts={[
          [t('details.ip'), event.context.ip],
          [t('details.country'), event.context.country ? countryName(event.context.country, i18n.language) : null],
          [t('details.region'), event.context.region],
          [t('details.loginType'), event.context.loginType],
        ]}
      />
      <Section
        title={t('details.device')}
        facts={[
          [t('details.browser'), event.context.browser],
          [t('details.os'), event.context.os],
          [t('details.deviceType'), event.context.device],
          [t('details.userAgent'), event.context.userAgent ? <span className={classes.code}>{event.context.userAgent}</span> : null],
        ]}
      />
      <section aria-labelledby={`details-metadata-${event.id}`}>
        <Title order={3} size="h5" mb={4} id={`details-metadata-${event.id}`}>
          {t('details.metadata')}
        </Title>
        <Metadata details={event.details} />
      </section>
      <IntegritySection event={event} />
    </Stack>
  );
}

type FactValue = ReactNode | null | undefined;

/** A part of the details (when, who, ...): left out when the event has none of its facts. */
function Section({ title, facts }: { title: string; facts: [string, FactValue][] }) {
  const present = facts.filter(([, value]) => value !== null && value !== undefined && value !== '');
  if (!present.length) return null;
  return (
    <section>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} layout="fixed">
        <Table.Tbody>
          {present.map(([label, value]) => (
            <Fact key={label} label={label}>
              {value}
            </Fact>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th w="35%" fw={500} c="gray.7" fz="sm" scope="row" style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td fz="sm" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Table.Td>
    </Table.Tr>
  );
}

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

/**
 * The changes a `details` holds, when it holds any: `{before: {...}, after: {...}}` (a record's fields before and
 * after, as the CRM events have them), or a list of `{field, before, after}` (under `changes`, or the details
 * itself). Anything else is not a change and is shown as a tree.
 */
export function changesOf(details: unknown): Change[] | null {
  if (!details || typeof details !== 'object') return null;
  const list = Array.isArray(details) ? details : (details as Record<string, unknown>).changes;
  if (Array.isArray(list) && list.length && list.every((c) => c && typeof c === 'object' && 'field' in c)) {
    return list.map((c) => ({ field: String(c.field), before: c.before, after: c.after }));
  }
  const record = details as Record<string, unknown>;
  const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
  if (('before' in record || 'after' in record) && (record.before == null || isObject(record.before)) && (record.after == null || isObject(record.after))) {
    const before = (record.before ?? {}) as Record<string, unknown>;
    const after = (record.after ?? {}) as Record<string, unknown>;
    const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return fields.map((field) => ({ field, before: before[field], after: after[field] }));
  }
  return null;
}

function Metadata({ details }: { details: Record<string, unknown> | null }) {
  const { t } = useTranslation('log');
  if (!details || !Object.keys(details).length) return <Text size="sm" c="gray.7">{t('details.noMetadata')}</Text>;
  const changes = changesOf(details);
  if (changes) return <ChangesTable changes={changes} />;
  return (
    <ul className={`${classes.tree} ${classes.treeRoot}`} aria-label={t('details.metadata')}>
      {Object.entries(details).map(([key, value]) => (
        <TreeNode key={key} name={key} value={value} />
      ))}
    </ul>
  );
}

export function ChangesTable({ changes }: { changes: Change[] }) {
  const { t } = useTranslation('log');
  return (
    <Table striped withTableBorder layout="fixed" fz="sm" captionSide="top">
      <Table.Caption c="gray.7">{t('details.changesCaption')}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('details.field')}</Table.Th>
          <Table.Th scope="col">{t('details.before')}</Table.Th>
          <Table.Th scope="col">{t('details.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c) => (
          <Table.Tr key={c.field}>
            <Table.Th scope="row" fw={500}>
              {c.field}
            </Table.Th>
            <Table.Td>
              <Value value={c.before} />
            </Table.Td>
            <Table.Td>
              <Value value={c.after} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** A value of the metadata as text; a value that is not there says so (not an empty cell). */
function Value({ value }: { value: unknown }) {
  const { t } = useTranslation('log');
  if (value === undefined || value === null || value === '') {
    return (
      <Text span size="sm" c="gray.7" fs="italic">
        {t('details.noValue')}
      </Text>
    );
  }
  if (typeof value === 'object') return <span className={classes.code}>{JSON.stringify(value)}</span>;
  return <span style={{ overflowWrap: 'anywhere' }}>{String(value)}</span>;
}

/** One key of the metadata tree; nested objects and lists open and close. */
function TreeNode({ name, value }: { name: string; value: unknown }) {
  const { t } = useTranslation('log');
  const [open, setOpen] = useState(true);
  const nested = value !== null && typeof value === 'object';
  if (!nested) {
    return (
      <li>
        <Text span size="sm" fw={500}>
          {name}:
        </Text>{' '}
        <Text span size="sm">
          <Value value={value} />
        </Text>
      </li>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  return (
    <li>
      <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open} fz="sm" fw={500}>
        {open ? '▾' : '▸'} {name}{' '}
        <Text span size="xs" c="gray.7">
          {t(Array.isArray(value) ? 'details.items' : 'details.keys', { count: entries.length })}
        </Text>
      </UnstyledButton>
      {open && (
        <ul className={classes.tree}>
          {entries.map(([k, v]) => (
            <TreeNode key={k} name={k} value={v} />
          ))}
        </ul>
      )}
    </li>
  );
}
