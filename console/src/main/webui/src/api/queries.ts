import { useQuery } from '@tanstack/react-query';
import { useApi } from './ApiProvider';
import type { Account, Catalog } from './types';

/** The caller's account and plan; a 403 here means the person is not a super admin. */
export function useAccount() {
  const api = useApi();
  return useQuery({ queryKey: ['account'], queryFn: () => api.get<Account>('/api/v1/account'), staleTime: 60_000, retry: false });
}

/** The catalog of codes and their labels (categories, subcategories, actions, actor types, departments). */
export function useCatalog() {
  const api = useApi();
  return useQuery({ queryKey: ['catalog'], queryFn: () => api.get<Catalog>('/api/v1/catalog'), staleTime: 10 * 60_000 });
}
