import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider';

/** A notification in the in-app list (the notification-service's NotificationView). */
export interface NotificationView {
  id: string;
  kind: 'admin-permission-removed' | 'multiple-exports' | 'export-ready' | 'mention' | string;
  title: string;
  summary: string;
  link: string | null;
  eventId: string | null;
  occurredAt: string | null;
  createdAt: string;
  read: boolean;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  unreadCount: number;
  nextCursor: string | null;
}

export const unreadCountKey = ['notifications', 'unread-count'] as const;
export const listKey = (unreadOnly: boolean) => ['notifications', 'list', { unreadOnly }] as const;

/** The unread count the bell and the list show: one query, so marking read updates both. */
export function useUnreadCount() {
  const api = useApi();
  return useQuery({
    queryKey: unreadCountKey,
    queryFn: async () => (await api.get<NotificationPage>('/api/v1/notifications', { limit: 1 })).unreadCount,
    refetchInterval: 30_000,
    // An alert is what an admin should not miss: coming back to the tab looks again at once.
    refetchOnWindowFocus: true,
  });
}

/** The console page a notification leads to. */
export interface ConsoleTarget {
  to: string;
  /** Which words the link gets (`notifications:open.<kind>`). */
  kind: 'logEntry' | 'report' | 'logFiltered';
}

/**
 * Where a notification leads in the console. The service's `link` is what its mails point at (depending on the
 * deployment, the console's pages or the services' API URLs), so the console page is derived from what the link
 * names, never followed as it is: the log entry by its event id, the report by the last segment of its link, the
 * multiple-exports day by the filters of its link (the log's URL contract is the events API's query).
 */
export function consoleTarget(notification: NotificationView): ConsoleTarget | null {
  const link = parse(notification.link);
  if (notification.kind === 'export-ready') {
    const id = link?.pathname.split('/').filter(Boolean).pop();
    return id ? { to: `/reports/${encodeURIComponent(decodeURIComponent(id))}`, kind: 'report' } : null;
  }
  if (notification.eventId) {
    // A mention's link names its comment: the entry opens with that thread in view.
    const comment = notification.kind === 'mention' ? link?.searchParams.get('comment') : null;
    const query = comment ? `?comment=${encodeURIComponent(comment)}` : '';
    return { to: `/log/${encodeURIComponent(notification.eventId)}${query}`, kind: 'logEntry' };
  }
  if (notification.kind === 'multiple-exports') {
    if (link && link.search) return { to: `/log${link.search}`, kind: 'logFiltered' };
    return dayOfExports(notification.occurredAt);
  }
  return null;
}

/** The exports of the alert's UTC day, when its link names no filters. */
function dayOfExports(occurredAt: string | null): ConsoleTarget | null {
  if (!occurredAt) return null;
  const from = new Date(occurredAt);
  if (Number.isNaN(from.getTime())) return null;
  const to = new Date(from.getTime() + 24 * 3600 * 1000);
  const query = new URLSearchParams({ action: 'EXPORT', from: from.toISOString(), to: to.toISOString() });
  return { to: `/log?${query.toString()}`, kind: 'logFiltered' };
}

function parse(link: string | null): URL | null {
  if (!link) return null;
  try {
    return new URL(link, window.location.origin);
  } catch {
    return null;
  }
}
