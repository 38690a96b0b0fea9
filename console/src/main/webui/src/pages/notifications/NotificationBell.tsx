import { Link } from 'react-router-dom';
import { ActionIcon, Indicator } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';

interface NotificationPage {
  unreadCount: number;
}

/** The bell in the header: the unread count, refreshed every 30 s and when the window regains focus. */
export function NotificationBell() {
  const api = useApi();
  const { t } = useTranslation();
  const { data } = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => api.get<NotificationPage>('/api/v1/notifications', { limit: 1 }),
    refetchInterval: 30_000,
  });
  const unread = data?.unreadCount ?? 0;
  return (
    <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} offset={4} color="red">
      <ActionIcon
        component={Link}
        to="/notifications"
        variant="subtle"
        size="lg"
        aria-label={t('nav.bell', { count: unread })}
        data-testid="notification-bell"
      >
        <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}
