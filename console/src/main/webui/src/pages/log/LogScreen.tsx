import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Drawer, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import type { AuditEvent } from '../../api/types';
import { formatNumber } from '../../format/time';
import { EmptyState, ErrorState, Loading } from '../../layout/states';
import { logQuery, useCatalogOptions, useEventPages } from './data';
import { EventDetails } from './EventDetails';
import { EventTable } from './EventTable';
import { ExportDialog } from './ExportDialog';
import { FilterBar } from './FilterBar';
import {
  allLogsView,
  clearedFilters,
  emptyFilters,
  filtersFromSearch,
  filtersToSearch,
  hasFilters,
  type LogFilters,
  type Sort,
} from './filters';
import { ViewBar } from './ViewBar';
import { defaultColumns, isSavedViewId, logFiltersOf, sameColumns, sameFilters, useViews, type ColumnId } from './views';

export type LogMode = 'log' | 'staff';

/**
 * The audit log and, with mode "staff", HubSpot's vendor staff log: the same table, filters and details panel;
 * the staff screen fixes the actor type to STAFF and shows and filters by the vendor's department.
 * Everything the screen shows follows its URL: `/<screen>?<filters>` and `/<screen>/<eventId>?<filters>`.
 *
 * The log's views are tabs: the built-in ones, then the person's saved views, then those others shared. A saved
 * view's URL is `?view=<id>` alone while it shows what was saved (the service applies the view: its filters, its
 * sort, and marks it used); a change puts the whole changed state into the URL, `sort` included, so the link
 * shows the same unsaved changes, and the service is asked for exactly those filters.
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
  const views = useViews(!staff);
  const savedViews = useMemo(() => (views.data ?? []).filter((v) => !v.builtIn), [views.data]);
  const savedId = !staff && isSavedViewId(filters.view) ? filters.view : null;
  const current = savedId ? (savedViews.find((v) => v.id === savedId) ?? null) : null;
  const savedFilters = useMemo(() => (current ? logFiltersOf(current) : null), [current]);
  // A saved view's URL with any filter or a sort holds the whole changed state; without, the view as saved.
  const edited = savedId !== null && (hasFilters(filters) || filters.sort !== '');
  const shown: LogFilters = savedId && !edited && savedFilters ? savedFilters : filters;
  const sort: Sort = filters.sort || current?.sort || 'newest';
  // "Save as" on a built-in view keeps what the view shows: its category, when no narrower one is chosen.
  const builtIn = views.data?.find((v) => v.builtIn && v.id === filters.view);
  const toSave = builtIn?.filters.category && !shown.category.length ? { ...shown, category: [...builtIn.filters.category] } : shown;
  const query = useMemo(() => logQuery(filters, staff), [filters, staff]);
  const pages = useEventPages(query, staff ? { actorType: 'STAFF' } : {});
  const [exportOpen, setExportOpen] = useState(false);
  const viewKey = filters.view || allLogsView;
  const [columnChoice, setColumnChoice] = useState<{ view: string; columns: ColumnId[] } | null>(null);
  const columns = columnChoice?.view === viewKey ? columnChoice.columns : (current?.columns ?? defaultColumns);
  const dirty =
    current !== null &&
    savedFilters !== null &&
    ((edited && (!sameFilters(filters, savedFilters) || sort !== current.sort)) || !sameColumns(columns, current.columns));

  const setFilters = useCallback(
    (next: LogFilters) => {
      const search = filtersToSearch(next).toString();
      navigate({ pathname: location.pathname, search: search ? `?${search}` : '' });
    },
    [navigate, location.pathname],
  );

  /** The filters (and sort) chosen: on a saved view, its clean URL when they are what it saved. */
  const changeFilters = (next: LogFilters, nextSort: Sort = sort) => {
    if (!savedId) {
      setFilters({ ...next, sort: nextSort === 'newest' ? '' : nextSort });
    } else if (current && savedFilters && sameFilters(next, savedFilters) && nextSort === current.sort) {
      setFilters({ ...emptyFilters(), view: savedId });
    } else {
      setFilters({ ...next, view: savedId, sort: nextSort });
    }
  };
  const openView = (id: string) => {
    setColumnChoice(null);
    setFilters({ ...emptyFilters(), view: id === allLogsView ? '' : id });
  };
  const chooseTab = (id: string) => {
    // Between built-in views the filters stay (they narrow either); a saved view opens as it was saved.
    if (isSavedViewId(id) || savedId) openView(id);
    else setFilters({ ...filters, view: id === allLogsView ? '' : id });
  };

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
            <Tabs value={viewKey} onChange={(view) => chooseTab(view ?? allLogsView)} aria-label={t('views.label')}>
              <Tabs.List>
                {catalog.views.map((v) => (
                  <Tabs.Tab key={v.id} value={v.id}>
                    {t(`views.${v.id}`, { defaultValue: v.name })}
                  </Tabs.Tab>
                ))}
                {savedViews.map((v) => (
                  <Tabs.Tab key={v.id} value={v.id} data-testid="saved-view-tab">
                    {v.name}
                    {!v.own && v.owner && (
                      <Text span size="xs" c="gray.7">
                        {` · ${v.owner.name}`}
                      </Text>
                    )}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
            </Tabs>
          )}
          {savedId && views.isSuccess && !current && (
            <Alert color="yellow" role="alert" title={t('views.missing')}>
              {t('views.missingHint')}
            </Alert>
          )}
          {!staff && (
            <ViewBar
              viewId={viewKey}
              view={current}
              filters={toSave}
              sort={sort}
              columns={columns}
              dirty={dirty}
              onOpenView={openView}
              onReset={() => savedId && openView(savedId)}
              onSort={(s) => changeFilters(shown, s)}
              onColumns={(chosen) => setColumnChoice({ view: viewKey, columns: chosen })}
            />
          )}
          <FilterBar
            filters={shown}
            onChange={(next) => changeFilters(next)}
            onClear={() => changeFilters(clearedFilters(shown))}
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
              <EmptyState title={t('state.empty')} hint={hasFilters(shown) ? t('state.emptyHint') : t('state.emptyNoFilters')} />
              {hasFilters(shown) && (
                <Button variant="light" onClick={() => changeFilters(clearedFilters(shown))}>
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
                columns={staff ? undefined : columns}
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
          {!staff && (
            <ExportDialog
              opened={exportOpen}
              onClose={() => setExportOpen(false)}
              // A saved view as saved is named (the report applies it); changed, its filters are sent as shown.
              filters={savedId && edited ? { ...filters, view: '' } : { ...shown, view: filters.view }}
            />
          )}
        </>
      )}
    </Stack>
  );
}
