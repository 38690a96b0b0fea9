import { Link } from 'react-router-dom';
import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';

/** The category of the log's own reads (a search, opening an entry, an export) and the restores asked from it. */
export const LOG_ACCESS = 'AUDIT_LOG';

// Paging and the account are how a search was fetched, not what it searched for.
const notFilters = new Set(['cursor', 'limit', 'account']);

/**
 * The filters a log read recorded (`details.filters`: each event-API parameter with its value or values; see
 * docs/architecture.md, "Who looked at the log"), as the log's own query: the console's /log takes exactly the API's parameter names, so the search opens as it was run.
 */
export function searchFilters(event: AuditEvent): [string, string[]][] | null {
  const raw = event.details?.filters;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const entries: [string, string[]][] = [];
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (notFilters.has(name)) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((v) => v !== null && v !== undefined && v !== '').map(String);
    if (values.length) entries.push([name, values]);
  }
  return entries;
}

export function searchHref(filters: [string, string[]][]): string {
  const params = new URLSearchParams();
  for (const [name, values] of filters) values.forEach((v) => params.append(name, v));
  const query = params.toString();
  return query ? `/log?${query}` : '/log';
}

function entryHref(id: unknown): string | null {
  return typeof id === 'string' && id ? `/log/${encodeURIComponent(id)}` : null;
}

/**
 * What a log-access entry is about: the search that was run (and a link that runs it again), the entry that was
 * opened or commented, or the deletion a restore was asked for.
 */
export function LogAccessSection({ event }: { event: AuditEvent }) {
  const { t } = useTranslation('log');
  const filters = searchFilters(event);
  // An entry read or commented names it (object AUDIT_EVENT, details.eventId); an analytics section VIEWED does not.
  const entryRead = event.details?.eventId ?? (event.object.type === 'AUDIT_EVENT' ? event.object.id : null);
  const viewed = event.action === 'VIEWED' || event.action === 'COMMENTED' ? entryHref(entryRead) : null;
  // An analytics section's filters are the analytics API's, not the log's: shown, but not opened as a log search.
  const searchable = event.subcategory !== 'ANALYTICS';
  const deletion = event.action.startsWith('RESTORE_') ? entryHref(event.details?.deletionEventId) : null;
  if (!filters && !viewed && !deletion) return null;
  const headingId = `details-access-${event.id}`;
  return (
    <section aria-labelledby={headingId}>
      <Title order={3} size="h5" mb={4} id={headingId}>
        {filters ? t('access.search') : t('access.title')}
      </Title>
      <Stack gap="xs">
        {filters &&
          (filters.length ? (
            <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing={0} layout="fixed" aria-labelledby={headingId}>
              <Table.Tbody>
                {filters.map(([name, values]) => (
                  <Table.Tr key={name}>
                    <Table.Th w="35%" fw={500} c="gray.7" fz="sm" scope="row">
                      {t([`access.param.${name}`, `filters.${name}`], { defaultValue: name })}
                    </Table.Th>
                    <Table.Td fz="sm" style={{ overflowWrap: 'anywhere' }}>
                      {values.join(', ')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : (
            <Text size="sm">{t('access.noFilters')}</Text>
          ))}
        {filters && searchable && (
          <Anchor component={Link} to={searchHref(filters)} size="sm">
            {t('access.openSearch')}
          </Anchor>
        )}
        {viewed && (
          <Anchor component={Link} to={viewed} size="sm">
            {t('access.openViewed')}
          </Anchor>
        )}
        {deletion && (
          <Anchor component={Link} to={deletion} size="sm">
            {t('access.openDeletion')}
          </Anchor>
        )}
      </Stack>
    </section>
  );
}
