import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';

/** A person as comments name them (the audit-service's PersonRef). */
export interface PersonRef {
  userId: string;
  name: string;
}

/** A comment (the audit-service's CommentView): a thread's top comment carries its state and replies. */
export interface CommentView {
  id: string;
  eventId: string;
  parentId: string | null;
  /** Null for a deleted placeholder. */
  author: PersonRef | null;
  /** Null for a deleted placeholder. */
  text: string | null;
  mentions: PersonRef[];
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  deletedAt: string | null;
  version: number;
  /** Top comments only (null on replies). */
  resolved: boolean | null;
  resolvedAt: string | null;
  resolvedBy: PersonRef | null;
  /** Top comments only (null on replies). */
  replies: CommentView[] | null;
}

export interface Threads {
  items: CommentView[];
  openCount: number;
  resolvedCount: number;
}

/** A super admin of the account, as `GET /api/v1/people` lists them for the mention picker. */
export interface PersonView {
  userId: string;
  name: string;
  email: string | null;
  lastSeenAt: string;
}

export type ThreadStatus = 'open' | 'resolved' | 'all';

const base = (eventId: string) => `/api/v1/events/${encodeURIComponent(eventId)}/comments`;
export const threadsKey = (eventId: string) => ['comments', eventId] as const;

export function useThreads(eventId: string, status: ThreadStatus) {
  const api = useApi();
  return useQuery({
    queryKey: [...threadsKey(eventId), status],
    queryFn: ({ signal }) => api.get<Threads>(base(eventId), { status }, signal),
  });
}

/** The account's super admins whose name, address or id contains `q` (the picker asks as the person types). */
export function usePeople(q: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['people', q],
    queryFn: ({ signal }) => api.get<{ items: PersonView[] }>('/api/v1/people', { q, limit: 8 }, signal),
    enabled,
    staleTime: 60_000,
    // Each letter typed is a new query: the list keeps the last answer's options (the same nodes, by user id)
    // until the next arrives, instead of emptying and refilling under the pointer at every key.
    placeholderData: keepPreviousData,
  });
}

export interface NewComment {
  text: string;
  parentId?: string;
  mentions: string[];
}

export interface CommentChange {
  version: number;
  text?: string;
  mentions?: string[];
  resolved?: boolean;
}

/** The comment writes; each refreshes the entry's threads (and the log's "has comments" answers). */
export function useCommentWrites(eventId: string) {
  const api = useApi();
  const queries = useQueryClient();
  const refresh = () => {
    void queries.invalidateQueries({ queryKey: threadsKey(eventId) });
    void queries.invalidateQueries({ queryKey: ['events'] });
  };
  return {
    create: useMutation({
      mutationFn: (comment: NewComment) => api.post<CommentView>(base(eventId), comment),
      onSuccess: refresh,
    }),
    change: useMutation({
      mutationFn: ({ id, change }: { id: string; change: CommentChange }) =>
        api.request<CommentView>('PATCH', `${base(eventId)}/${encodeURIComponent(id)}`, { body: change }),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: ({ id, version }: { id: string; version: number }) =>
        api.request<void>('DELETE', `${base(eventId)}/${encodeURIComponent(id)}`, { query: { version } }),
      onSettled: refresh,
    }),
  };
}

/** The console's link to a comment: the log entry, opened with the comment's thread in view. */
export function commentLink(eventId: string, commentId: string, origin = window.location.origin): string {
  return `${origin}/log/${encodeURIComponent(eventId)}?comment=${encodeURIComponent(commentId)}`;
}
