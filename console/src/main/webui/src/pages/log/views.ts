import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';
import { emptyFilters, listFilterNames, type ListFilterName, type LogFilters, type Sort } from './filters';

/** The log's columns a view may show, in the table's order (the audit-service's SavedView.COLUMNS). */
export const columnIds = ['time', 'user', 'department', 'category', 'activity', 'object', 'where'] as const;
export type ColumnId = (typeof columnIds)[number];
/** The log's own columns (a view without its own choice, and the built-in views). */
export const defaultColumns: ColumnId[] = ['time', 'user', 'category', 'activity', 'object', 'where'];

/** A view's filters as the audit-service keeps them: the search's parameters, lists as arrays. */
export type ViewFilters = Partial<Record<ListFilterName, string[]>> & { from?: string; to?: string; q?: string };

/** A view as `GET /api/v1/views` answers it (docs/architecture.md, "Saved views"). */
export interface SavedView {
  id: string;
  name: string;
  builtIn: boolean;
  owner: { id: string; name: string } | null;
  own: boolean;
  shared: boolean;
  filters: ViewFilters;
  columns: ColumnId[];
  sort: Sort;
  lastUsedAt: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  version: number | null;
}

/** What `POST` and `PUT /api/v1/views[/id]` take. */
export interface ViewInput {
  name: string;
  filters: ViewFilters;
  columns: ColumnId[];
  sort: Sort;
  shared: boolean;
  version?: number;
}

const savedId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a `view` parameter names a saved view (the built-in ones have names, saved ones UUIDs). */
export function isSavedViewId(id: string | null | undefined): id is string {
  return Boolean(id && savedId.test(id));
}

/** The views the person may use: built-in, their own, then those the account's other admins shared. */
export function useViews(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['views'],
    queryFn: ({ signal }) => api.get<{ items: SavedView[] }>('/api/v1/views', undefined, signal).then((r) => r.items),
    enabled,
    staleTime: 30_000,
  });
}

/** The screen's filters as a view keeps them (no view, no sort, no staff department). */
export function viewFiltersOf(filters: LogFilters): ViewFilters {
  const result: ViewFilters = {};
  if (filters.from) result.from = filters.from;
  if (filters.to) result.to = filters.to;
  for (const name of listFilterNames) if (filters[name].length) result[name] = [...filters[name]];
  if (filters.q) result.q = filters.q;
  return result;
}

/** A saved view's filters as the screen's, the view itself chosen. */
export function logFiltersOf(view: SavedView): LogFilters {
  const filters = emptyFilters();
  filters.view = view.id;
  filters.from = view.filters.from ?? '';
  filters.to = view.filters.to ?? '';
  filters.q = view.filters.q ?? '';
  for (const name of listFilterNames) filters[name] = [...(view.filters[name] ?? [])];
  return filters;
}

/** Whether two sets of filters ask for the same events (list order aside). */
export function sameFilters(a: LogFilters, b: LogFilters): boolean {
  if (a.from !== b.from || a.to !== b.to || a.q !== b.q) return false;
  return listFilterNames.every((name) => {
    const x = [...a[name]].sort();
    const y = [...b[name]].sort();
    return x.length === y.length && x.every((v, i) => v === y[i]);
  });
}

export function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((c, i) => c === b[i]);
}

/** A view's saved state as a PUT body, with the changes given. */
export function savedInput(view: SavedView, changes: Partial<ViewInput> = {}): ViewInput {
  return {
    name: view.name,
    filters: view.filters,
    columns: view.columns,
    sort: view.sort,
    shared: view.shared,
    version: view.version ?? undefined,
    ...changes,
  };
}

/** The changes of views: each answers the view the service stored, and refreshes the list. */
export function useViewChanges() {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['views'] });
  return {
    create: useMutation({
      mutationFn: (input: ViewInput) => api.post<SavedView>('/api/v1/views', input),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, input }: { id: string; input: ViewInput }) =>
        api.put<SavedView>(`/api/v1/views/${encodeURIComponent(id)}`, input),
      // A stale version (409) means someone else changed it: the list is read again either way.
      onSettled: refresh,
    }),
    copy: useMutation({
      mutationFn: (id: string) => api.post<SavedView>(`/api/v1/views/${encodeURIComponent(id)}/clone`),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(`/api/v1/views/${encodeURIComponent(id)}`),
      onSuccess: refresh,
    }),
  };
}
