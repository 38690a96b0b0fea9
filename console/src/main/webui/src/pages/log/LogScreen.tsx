import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Drawer, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import type { AuditEvent } from '../../api/types';
import { formatNumber } from '../../format/time';
import { EmptyState, ErrorState, Loading } from '../../layout/states';
import { useCatalogOptions, useEventPages } from './data';
import { EventDetails } from './EventDetails';
import { EventTable } from './EventTable';
import { ExportDialog } from './ExportDialog';
import { FilterBar } from './FilterBar';
import { allLogsView, clearedFilters, filtersFromSearch, filtersToSearch, hasFilters, type LogFilters } from './filters';

export type LogMode = 'log' | 'staff';

/**
 * The audit log and, with mode "staff", HubSpot's vendor staff log: the same table, filters and details panel;
 * the staff screen fixes the actor type to STAFF and shows and filters by the vendor's department.
 * Everything the screen shows follows its URL: `/<screen>?<filters>` and `/<screen>/<eventId>?<filters>`.
 */
export function LogScreen({ mode }: { mode: LogMode }) {
  const { t, i18n } = useTranslation('log');
  const staff = mode === 'staff';
  const basePath = staff ? '/staff' : '/log';
  const location = useLocation();
  const navigate = useNavigate();
  const { eventId } = useParams();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(location.search)), [location.search]);
  const { options: catalog, error: catalogError, isPending: catalogPending } = useCatalogOptions();
  const pages = useEventPages(filters, staff ? { actorType: 'STAFF' } : {});
  const [exportOpen, setExportOpen] = useState(false);

  const setFilters = useCallback(
    (next: LogFilters) => {
      const search = filtersToSearch(next).toString();
      navigate({ pathname: location.pathname, search: search ? `?${search}` : '' });
    },
    [navigate, location.pathname],
  );

  const loaded = useMemo(() => pages.data?.pages.flatMap((p) => p.items) ?? [], [pages.data]);
  const rows = useMemo(
    () => (filters.department.length ? loaded.filter((e) => e.actor.department && filters.department.includes(e.actor.department)) : loaded),
    [loaded, filters.department],
  );

  // The department is narrowed here, not by the service: with one chosen, every page is loaded (staff events are
  // few), so the rows shown are all of them, not those of the first pages.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  useEffect(() => {
    if (filters.department.length && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [filters.department.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const open = useCallback(
    (event: AuditEvent) => navigate({ pathname: `${basePath}/${encodeURIComponent(event.id)}`, search: location.search }),
    [navigate, basePath, location.search],
  );
  const closeDetails = () => {
    const id = eventId;
    navigate({ pathname: basePath, search: location.search });
    // Back to the row the details were of (when it is among those rendered).
    setTimeout(() => document.querySelector<HTMLElement>(`[data-event-id="${CSS.escape(id ?? '')}"]`)?.focus(), 0);
  };

  const badRequest = pages.error instanceof ApiError && pages.error.status === 400 ? pages.error : null;
  const title = staff ? t('staff.title') : t('title');

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{title}</Title>
          <Text size="sm" c="gray.7">
            {staff ? t('staff.intro') : t('intro')}
          </Text>
        </div>
        {!staff && (
          <Button onClick={() => setExportOpen(true)} disabled={!catalog}>
            {t('export.button')}
          </Button>
        )}
      </Group>

      {catalogPending && <Loading />}
      {catalogError ? <ErrorState error={catalogError} /> : null}
      {catalog && (
        <>
          {!staff && (
            <Tabs
              value={filters.view || allLogsView}
              onChange={(view) => setFilters({ ...filters, view: view === allLogsView ? '' : (view ?? '') })}
              aria-label={t('views.label')}
            >
              <Tabs.List>
                {catalog.views.map((v) => (
                  <Tabs.Tab key={v.id} value={v.id}>
                    {t(`views.${v.id}`, { defaultValue: v.name })}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
            </Tabs>
          )}
          <FilterBar
            filters={filters}
            onChange={setFilters}
            onClear={() => setFilters(clearedFilters(filters))}
            catalog={catalog}
            loaded={loaded}
            error={badRequest}
            staff={staff}
          />
          {badRequest ? (
            <Alert color="red" title={t('state.badFilters')} role="alert">
              {badRequest.message}
            </Alert>
          ) : pages.isPending ? (
            <Loading label={t('state.loadingEvents')} />
          ) : pages.error && !pages.data ? (
            <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />
          ) : rows.length === 0 && !(filters.department.length && hasNextPage) ? (
            <Stack align="center" gap="xs">
              <EmptyState title={t('state.empty')} hint={hasFilters(filters) ? t('state.emptyHint') : t('state.emptyNoFilters')} />
              {hasFilters(filters) && (
                <Button variant="light" onClick={() => setFilters(clearedFilters(filters))}>
                  {t('filters.clear')}
                </Button>
              )}
            </Stack>
          ) : (
            <>
              <Text size="sm" c="gray.7" role="status" aria-live="polite" data-testid="log-count">
                {hasNextPage
                  ? t('table.loadedMore', { count: rows.length, formatted: formatNumber(rows.length, i18n.language) })
                  : t('table.loadedAll', { count: rows.length, formatted: formatNumber(rows.length, i18n.language) })}
              </Text>
              <EventTable
                events={rows}
                catalog={catalog}
                hasNextPage={Boolean(hasNextPage)}
                isFetchingNextPage={isFetchingNextPage}
                fetchNextPage={() => void fetchNextPage()}
                onOpen={open}
                withDepartment={staff}
                selectedId={eventId}
                label={title}
              />
              {pages.isFetchNextPageError && (
                <ErrorState error={pages.error} onRetry={() => void fetchNextPage()} />
              )}
            </>
          )}
          <Drawer
            opened={Boolean(eventId)}
            onClose={closeDetails}
            position="right"
            size="lg"
            title={<span>{t('details.title')}</span>}
            closeButtonProps={{ 'aria-label': t('details.close') }}
          >
            {eventId && <EventDetails id={eventId} catalog={catalog} />}
          </Drawer>
          {!staff && <ExportDialog opened={exportOpen} onClose={() => setExportOpen(false)} filters={filters} />}
        </>
      )}
    </Stack>
  );
}
