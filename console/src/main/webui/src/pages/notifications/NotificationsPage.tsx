import { useState, type KeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/ApiProvider';
import { formatDateTime } from '../../format/time';
import { EmptyState, ErrorState, Loading } from '../../layout/states';
import { consoleTarget, listKey, unreadCountKey, useUnreadCount, type NotificationPage, type NotificationView } from './api';

const PAGE_SIZE = 20;
const KNOWN_KINDS = ['admin-permission-removed', 'multiple-exports', 'export-ready', 'mention'];

/** The in-app notifications: newest first, all or unread only (in the URL), paged, each leading into the console. */
export default function NotificationsPage() {
  const { t } = useTranslation('notifications');
  const api = useApi();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const unreadOnly = params.get('unread') === 'true';
  const unread = useUnreadCount();
  const [status, setStatus] = useState('');

  const list = useInfiniteQuery({
    queryKey: listKey(unreadOnly),
    queryFn: ({ pageParam, signal }) =>
      api.get<NotificationPage>('/api/v1/notifications', { limit: PAGE_SIZE, unread: unreadOnly ? true : undefined, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  const markRead = useMutation({
    mutationFn: (id: string) => api.post<NotificationView>(`/api/v1/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: (read) => {
      // The item stays where it is, shown read (also in the unread filter, so it does not jump away under the
      // pointer); the count is asked for again.
      queryClient.setQueriesData<InfiniteData<NotificationPage>>({ queryKey: ['notifications', 'list'] }, (data) =>
        data && {
          ...data,
          pages: data.pages.map((page) => ({ ...page, items: page.items.map((n) => (n.id === read.id ? read : n)) })),
        },
      );
      void queryClient.invalidateQueries({ queryKey: unreadCountKey });
    },
    onError: (error) => setStatus(t('markFailed', { reason: error.message })),
  });

  const markAll = useMutation({
    mutationFn: () => api.post<{ marked: number }>('/api/v1/notifications/read'),
    onSuccess: ({ marked }) => {
      setStatus(t('markedAll', { count: marked }));
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
    onError: (error) => setStatus(t('markFailed', { reason: error.message })),
  });

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unreadCount = unread.data ?? list.data?.pages[0]?.unreadCount ?? 0;

  return (
    <Stack gap="md" maw={880}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1}>{t('title')}</Title>
          <Text c="dimmed" size="sm">
            {t('unreadCount', { count: unreadCount })}
          </Text>
        </div>
        <Group gap="sm">
          <SegmentedControl
            aria-label={t('filter.label')}
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(value) => {
              const next = new URLSearchParams(params);
              if (value === 'unread') next.set('unread', 'true');
              else next.delete('unread');
              setParams(next, { replace: true });
            }}
            data={[
              { value: 'all', label: t('filter.all') },
              { value: 'unread', label: t('filter.unread') },
            ]}
          />
          <Button variant="light" onClick={() => markAll.mutate()} loading={markAll.isPending} disabled={unreadCount === 0}>
            {t('markAllRead')}
          </Button>
        </Group>
      </Group>

      <Text role="status" size="sm" aria-live="polite">
        {status}
      </Text>

      {list.isPending ? (
        <Loading label={t('loading')} />
      ) : list.error && !list.isFetchNextPageError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={unreadOnly ? t('empty.unread') : t('empty.all')} hint={t('empty.hint')} />
      ) : (
        <>
          <Stack
            component="ul"
            gap="sm"
            aria-label={t('listLabel')}
            aria-describedby="notifications-keys"
            style={{ listStyle: 'none', padding: 0, margin: 0 }}
            onKeyDown={moveBetweenItems}
          >
            {items.map((n) => (
              <NotificationItem key={n.id} notification={n} onRead={(id) => markRead.mutate(id)} marking={markRead.isPending && markRead.variables === n.id} />
            ))}
          </Stack>
          <Text id="notifications-keys" size="xs" c="dimmed">
            {t('keys')}
          </Text>
          {list.hasNextPage && (
            <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} w="fit-content">
              {t('loadMore')}
            </Button>
          )}
          {list.isFetchNextPageError && <ErrorState error={list.error} onRetry={() => void list.fetchNextPage()} />}
        </>
      )}
    </Stack>
  );
}

/**
 * Arrow keys move between notifications (Home and End to the first and last), Tab within one: a long list is
 * crossed one notification at a time rather than two or three stops each.
 */
function moveBetweenItems(event: KeyboardEvent<HTMLElement>) {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End'];
  if (!keys.includes(event.key)) return;
  const items = Array.from(event.currentTarget.querySelectorAll<HTMLElement>(':scope > li'));
  const current = items.findIndex((li) => li.contains(document.activeElement));
  if (current < 0) return;
  const next =
    event.key === 'ArrowDown' ? Math.min(current + 1, items.length - 1)
    : event.key === 'ArrowUp' ? Math.max(current - 1, 0)
    : event.key === 'Home' ? 0
    : items.length - 1;
  items[next].querySelector<HTMLElement>('a, button')?.focus();
  event.preventDefault();
}

function NotificationItem({ notification: n, onRead, marking }: { notification: NotificationView; onRead: (id: string) => void; marking: boolean }) {
  const { t, i18n } = useTranslation('notifications');
  const target = consoleTarget(n);
  const known = KNOWN_KINDS.includes(n.kind);
  const heading = known ? t(`kind.${n.kind}`) : n.title;
  const headingId = `notification-${n.id}`;
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      aria-labelledby={headingId}
      data-testid="notification"
      data-kind={n.kind}
      data-read={n.read}
      style={n.read ? undefined : { borderLeft: '4px solid var(--mantine-color-blue-6)' }}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <Title order={2} size="h5" id={headingId}>
              {heading}
            </Title>
            {n.read ? (
              <Badge variant="default">
                {t('read')}
              </Badge>
            ) : (
              <Badge color="blue">{t('unread')}</Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed" component="time" dateTime={n.createdAt}>
            {formatDateTime(n.createdAt, i18n.language)}
          </Text>
        </Group>
        <Text size="sm">{n.summary}</Text>
        <Group gap="md">
          {target && (
            <Anchor component={Link} to={target.to} size="sm" onClick={() => !n.read && onRead(n.id)}>
              {t(`open.${target.kind}`)}
            </Anchor>
          )}
          {!n.read && (
            <Button size="compact-sm" variant="subtle" onClick={() => onRead(n.id)} loading={marking} aria-label={t('markReadOf', { title: heading })}>
              {t('markRead')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
