import { useMemo } from 'react';
import { infiniteQueryOptions, useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import type { ApiClient } from '../../api/client';
import { useAccount, useCatalog } from '../../api/queries';
import type { AuditEvent, Catalog, CatalogEntry, Page } from '../../api/types';
import { eventsQuery, filtersFromSearch, hasFilters, type LogFilters } from './filters';
import { isSavedViewId } from './views';

/**
 * Rows per request: the first page small, so the first screen comes fast; the pages after it at the service's
 * most (500), so scrolling through thousands of rows asks for them in a few requests rather than dozens.
 */
export const firstPageSize = 100;
export const nextPageSize = 500;

/**
 * What the log asks the service for: the URL's filters, except that a saved view's URL with any filter or a sort
 * holds the whole changed state, so the view itself is not sent (the service would apply its saved filters too).
 */
export function logQuery(filters: LogFilters, staff = false): LogFilters {
  const edited = !staff && isSavedViewId(filters.view) && (hasFilters(filters) || filters.sort !== '');
  return edited ? { ...filters, view: '' } : filters;
}

function eventPages(api: ApiClient, filters: LogFilters, fixed: { actorType?: string } = {}) {
  const query = eventsQuery(filters, fixed);
  return infiniteQueryOptions({
    queryKey: ['events', query],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AuditEvent>>(
        '/api/v1/events',
        { ...query, limit: pageParam ? nextPageSize : firstPageSize, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Fresh for a few seconds, so the first page asked for while the console starts (prefetchLogPage) is shown
    // when the log mounts rather than asked for again; older pages are asked again on mount, as before.
    staleTime: 5_000,
  });
}

/** The log's pages, newest first, each asked for with the cursor the one before named. */
export function useEventPages(filters: LogFilters, fixed: { actorType?: string } = {}) {
  const api = useApi();
  return useInfiniteQuery({
    ...eventPages(api, filters, fixed),
    // A filter change shows the old rows until the new ones come, not an empty flash.
    placeholderData: (previous) => previous,
  });
}

/**
 * Asks for the log's first page of the URL the console opens on while the account is still being loaded, so the
 * first screen waits for the slower of the two requests rather than for one after the other.
 */
export function prefetchLogPage(queryClient: QueryClient, api: ApiClient, location: { pathname: string; search: string }) {
  if (location.pathname !== '/log' && !location.pathname.startsWith('/log/')) return;
  const filters = logQuery(filtersFromSearch(new URLSearchParams(location.search)));
  void queryClient.prefetchInfiniteQuery(eventPages(api, filters));
}

/** One event with its details, for the side panel (also when it is not among the loaded rows). */
export function useEvent(id: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: ['event', id],
    queryFn: ({ signal }) => api.get<AuditEvent>(`/api/v1/events/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: Boolean(id),
  });
}

interface TopActors {
  items: { actor: string; count: number }[];
}

/** The account's actors of the last 90 days by how much they did (analytics-service), for the "changed by" search. */
export function useKnownActors() {
  const api = useApi();
  return useQuery({
    queryKey: ['top-actors'],
    queryFn: ({ signal }) => {
      const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
      return api.get<TopActors>('/api/v1/analytics/top-actors', { limit: 100, from }, signal);
    },
    staleTime: 5 * 60_000,
    // The search still offers the people of the loaded rows when the analytics-service is away.
    retry: false,
  });
}

/** The catalog's bare codes in the shape the filters use. */
function entries(codes: string[] | undefined): CatalogEntry[] {
  return (codes ?? []).map((code) => ({ code, label: code }));
}

export interface CatalogOptions {
  categories: CatalogEntry[];
  /** Subcategories and actions of the chosen categories (all shown categories when none is chosen). */
  subcategories: (chosen: string[]) => CatalogEntry[];
  actions: (chosen: string[]) => CatalogEntry[];
  actorTypes: CatalogEntry[];
  departments: CatalogEntry[];
  views: { id: string; name: string }[];
  categoryLabel: (code: string) => string;
  subcategoryLabel: (category: string, code: string | null) => string;
  actionLabel: (category: string, code: string) => string;
}

/** The catalog narrowed to the categories the account's plan shows (Starter and Professional see fewer). */
export function useCatalogOptions(): { options: CatalogOptions | null; error: unknown; isPending: boolean } {
  const catalog = useCatalog();
  const account = useAccount();
  const options = useMemo(
    () => (catalog.data ? catalogOptions(catalog.data, account.data?.visibleCategories) : null),
    [catalog.data, account.data],
  );
  return { options, error: catalog.error, isPending: catalog.isPending };
}

export function catalogOptions(catalog: Catalog, visible: string[] | undefined): CatalogOptions {
  const shown = catalog.categories.filter((c) => !visible || visible.includes(c.code));
  const byCode = new Map(catalog.categories.map((c) => [c.code, c]));
  const merged = (chosen: string[], pick: (c: Catalog['categories'][number]) => CatalogEntry[]) => {
    const from = chosen.length ? shown.filter((c) => chosen.includes(c.code)) : shown;
    const seen = new Map<string, CatalogEntry>();
    for (const c of from) for (const e of pick(c)) if (!seen.has(e.code)) seen.set(e.code, e);
    return [...seen.values()];
  };
  const views = catalog.builtInViews
    .filter((v) => !v.category || !visible || visible.includes(v.category))
    .map((v) => ({ id: v.id, name: v.name }));
  return {
    categories: shown.map((c) => ({ code: c.code, label: c.label })),
    subcategories: (chosen) => merged(chosen, (c) => c.subcategories),
    actions: (chosen) => merged(chosen, (c) => c.actions),
    actorTypes: entries(catalog.actorTypes),
    departments: entries(catalog.departments),
    views,
    categoryLabel: (code) => byCode.get(code)?.label ?? code,
    subcategoryLabel: (category, code) =>
      code ? (byCode.get(category)?.subcategories.find((s) => s.code === code)?.label ?? code) : '',
    actionLabel: (category, code) => byCode.get(category)?.actions.find((a) => a.code === code)?.label ?? code,
  };
}
