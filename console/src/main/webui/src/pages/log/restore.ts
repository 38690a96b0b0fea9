import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';

/** Why a deletion cannot be restored now (the audit-service's `reason`, in its GET answer and its 409 problem). */
export type RestoreReason = 'NOT_A_DELETE' | 'TOO_OLD' | 'NO_ENDPOINT' | 'PENDING';
export type RestoreState = 'PENDING' | 'SUCCEEDED' | 'FAILED';

/** One restore asked for a deletion: the audit-service retries it with back-off until the producer answers. */
export interface RestoreRecord {
  id: string;
  state: RestoreState | string;
  requestedAt: string;
  requestedBy: { id: string | null; name: string | null };
  attempts: number;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  completedAt: string | null;
  lastError: string | null;
  /** The AUDIT_LOG entry RESTORE_REQUESTED that records who asked. */
  requestEventId: string | null;
  /** The AUDIT_LOG entry RESTORE_SUCCEEDED or RESTORE_FAILED, once there is an outcome. */
  outcomeEventId: string | null;
}

/** GET /api/v1/events/{id}/restore (docs/architecture.md, "Restore"). */
export interface RestoreStatus {
  eligible: boolean;
  reason: RestoreReason | string | null;
  restorableUntil: string | null;
  /** Newest first. */
  restores: RestoreRecord[];
}

/** How often a deletion with a restore in progress is asked for again (the producer answers within seconds). */
export const RESTORE_POLL_MS = 3000;

export function hasPending(status: RestoreStatus | undefined): boolean {
  return Boolean(status?.restores.some((r) => r.state === 'PENDING'));
}

const key = (eventId: string) => ['restore', eventId];

/** The deletion's restore state, asked again every few seconds while a restore is pending, and no longer after. */
export function useRestoreStatus(eventId: string) {
  const api = useApi();
  return useQuery({
    queryKey: key(eventId),
    queryFn: () => api.get<RestoreStatus>(`/api/v1/events/${encodeURIComponent(eventId)}/restore`),
    refetchInterval: (query) => (hasPending(query.state.data) ? RESTORE_POLL_MS : false),
  });
}

/** POST /api/v1/events/{id}/restore: 202 with the new record, or a 409 problem whose `reason` says why not. */
export function useRequestRestore(eventId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RestoreRecord>(`/api/v1/events/${encodeURIComponent(eventId)}/restore`),
    onSuccess: (record) => {
      // The new record shows at once (pending, so polling starts); the next answer replaces it with the service's.
      queryClient.setQueryData<RestoreStatus>(key(eventId), (old) =>
        old ? { ...old, eligible: false, reason: 'PENDING', restores: [record, ...old.restores.filter((r) => r.id !== record.id)] } : old,
      );
      void queryClient.invalidateQueries({ queryKey: key(eventId) });
    },
  });
}
