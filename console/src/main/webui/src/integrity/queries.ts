import { useQuery } from '@tanstack/react-query';
import { useApi } from '../api/ApiProvider';
import { saveBlob } from '../api/client';
import { publishedKeys, type KeySet, type TreeHead } from './verify';

/** The published keys (`GET /api/v1/integrity/keys`): asked once a session, they change only on a key rotation. */
export function useKeySet() {
  const api = useApi();
  return useQuery({
    queryKey: ['integrity', 'keys'],
    queryFn: ({ signal }) => api.get<KeySet>('/api/v1/integrity/keys', undefined, signal),
    staleTime: 10 * 60_000,
    retry: false,
  });
}

export function useKeys() {
  const set = useKeySet();
  return { ...set, keys: set.data ? publishedKeys(set.data) : null };
}

/** The account's newest signed tree head, or null while none was signed. */
export function useNewestHead() {
  const api = useApi();
  return useQuery({
    queryKey: ['integrity', 'newest-head'],
    queryFn: async ({ signal }) => (await api.get<{ items: TreeHead[] }>('/api/v1/integrity/tree-heads', { limit: 1 }, signal)).items[0] ?? null,
    retry: false,
  });
}

/** A JSON document saved through the browser as a file (the verifier's keys.json, head.json). */
export function saveJson(name: string, value: unknown): void {
  saveBlob(new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' }), name);
}
