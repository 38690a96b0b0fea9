import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Avatar, Badge, Group, Loader, Stack, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';
import { initials } from '../../auth/session';
import { formatDateTime } from '../../format/time';
import type { CatalogOptions } from './data';
import { objectHref } from './links';
import classes from './log.module.css';

export const rowHeight = 52;

export interface EventTableProps {
  events: AuditEvent[];
  catalog: CatalogOptions;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => void;
  /** Opens the details of a row (the row stays the place focus returns to). */
  onOpen: (event: AuditEvent) => void;
  /** Staff access shows who of the vendor's departments acted. */
  withDepartment?: boolean;
  /** The row whose details are open: marked, and kept focusable. */
  selectedId?: string;
  label: string;
}

/**
 * The log's table: a grid of rows in one scrolling box, only the rows in sight rendered (TanStack Virtual), so
 * thousands of loaded rows scroll as smoothly as fifty. Near the end it asks for the next page. Rows are one tab
 * stop: arrow keys, Home/End and Page Up/Down move, Enter opens the details.
 */
export function EventTable(props: EventTableProps) {
  const { events, catalog, hasNextPage, isFetchingNextPage, fetchNextPage, onOpen, withDepartment, selectedId, label } = props;
  const { t, i18n } = useTranslation('log');
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusAfterRender = useRef<number | null>(null);
  const count = events.length + (hasNextPage ? 1 : 0);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    getItemKey: (index) => events[index]?.id ?? 'more',
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length ? items[items.length - 1].index : -1;

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= events.length - 20) fetchNextPage();
  }, [lastIndex, events.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // The active row follows the open details (a deep link, or Enter), and stays within the loaded rows.
  useEffect(() => {
    const index = selectedId ? events.findIndex((e) => e.id === selectedId) : -1;
    if (index >= 0) setActive(index);
    else setActive((a) => Math.min(a, Math.max(events.length - 1, 0)));
  }, [selectedId, events]);

  useEffect(() => {
    if (focusAfterRender.current === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-index="${focusAfterRender.current}"]`);
    if (row) {
      row.focus({ preventScroll: true });
      focusAfterRender.current = null;
    }
  });

  const moveTo = useCallback(
    (index: number) => {
      const target = Math.max(0, Math.min(index, events.length - 1));
      setActive(target);
      focusAfterRender.current = target;
      virtualizer.scrollToIndex(target, { align: 'auto' });
    },
    [events.length, virtualizer],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 500) / rowHeight) - 1);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: events.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      moveTo(moves[e.key]);
    } else if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      onOpen(events[index]);
    }
  };

  const columns = withDepartment ? classes.rowStaff : classes.rowLog;
  const headers = [
    t('column.time'),
    t('column.user'),
    ...(withDepartment ? [t('column.department')] : []),
    t('column.category'),
    t('column.activity'),
    t('column.object'),
    t('column.where'),
  ];

  return (
    <div
      role="grid"
      aria-label={label}
      aria-rowcount={hasNextPage ? -1 : events.length + 1}
      aria-colcount={headers.length}
      className={classes.grid}
    >
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={`${classes.row} ${classes.header} ${columns}`}>
          {headers.map((h) => (
            <div role="columnheader" key={h} className={classes.cell}>
              {h}
            </div>
          ))}
        </div>
      </div>
      <div ref={scrollRef} className={classes.scroller} data-testid="log-scroller">
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const event = events[item.index];
            const style = { transform: `translateY(${item.start}px)`, height: item.size };
            if (!event) {
              return (
                <div role="row" key="more" aria-rowindex={item.index + 2} className={`${classes.row} ${classes.virtual}`} style={style}>
                  <div role="gridcell" className={classes.loadingCell}>
                    <Loader size="xs" aria-label={t('table.loadingMore')} />
                  </div>
                </div>
              );
            }
            const href = objectHref(event);
            return (
              <div
                role="row"
                key={item.key}
                data-index={item.index}
                data-event-id={event.id}
                aria-rowindex={item.index + 2}
                aria-selected={event.id === selectedId}
                tabIndex={item.index === active ? 0 : -1}
                className={`${classes.row} ${classes.virtual} ${classes.body} ${columns}`}
                style={style}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('a')) return;
                  setActive(item.index);
                  onOpen(event);
                }}
                onFocus={() => setActive(item.index)}
                onKeyDown={(e) => onKeyDown(e, item.index)}
              >
                <div role="gridcell" className={classes.cell}>
                  <Text size="sm">{formatDateTime(event.occurredAt, i18n.language)}</Text>
                </div>
                <div role="gridcell" className={classes.cell}>
                  <Group gap="xs" wrap="nowrap">
                    <Avatar size="sm" radius="xl" color="blue" aria-hidden>
                      {initials(event.actor.name || event.actor.email || event.actor.id)}
                    </Avatar>
                    <Stack gap={0} className={classes.clip}>
                      <Text size="sm" truncate>
                        {event.actor.name || event.actor.email || event.actor.id || t('actor.unknown')}
                      </Text>
                      <Text size="xs" c="gray.7" truncate>
                        {actorTypeLabel(t, event.actor.type)}
                        {event.actor.name && event.actor.email ? ` · ${event.actor.email}` : ''}
                      </Text>
                    </Stack>
                  </Group>
                </div>
                {withDepartment && (
                  <div role="gridcell" className={classes.cell}>
                    <Text size="sm">{event.actor.department ? departmentLabel(t, event.actor.department) : ''}</Text>
                  </div>
                )}
                <div role="gridcell" className={classes.cell}>
                  <Badge variant="light" color="gray" radius="sm" className={classes.badge}>
                    {catalog.categoryLabel(event.category)}
                  </Badge>
                </div>
                <div role="gridcell" className={classes.cell}>
                  <Stack gap={0} className={classes.clip}>
                    <Text size="sm" truncate>
                      {catalog.subcategoryLabel(event.category, event.subcategory) || catalog.actionLabel(event.category, event.action)}
                    </Text>
                    {event.subcategory && (
                      <Text size="xs" c="gray.7" truncate>
                        {catalog.actionLabel(event.category, event.action)}
                      </Text>
                    )}
                  </Stack>
                </div>
                <div role="gridcell" className={classes.cell}>
                  <Stack gap={0} className={classes.clip}>
                    {event.object.name || event.object.id ? (
                      href ? (
                        <Anchor component={Link} to={href} size="sm" truncate tabIndex={item.index === active ? 0 : -1}>
                          {event.object.name || event.object.id}
                        </Anchor>
                      ) : (
                        <Text size="sm" truncate>
                          {event.object.name || event.object.id}
                        </Text>
                      )
                    ) : null}
                    {event.object.type && (
                      <Text size="xs" c="gray.7" truncate>
                        {event.object.type}
                      </Text>
                    )}
                  </Stack>
                </div>
                <div role="gridcell" className={classes.cell}>
                  <Stack gap={0}>
                    <Text size="sm" truncate>
                      {event.context.ip ?? ''}
                    </Text>
                    {event.context.country && (
                      <Text size="xs" c="gray.7">
                        {countryName(event.context.country, i18n.language)}
                      </Text>
                    )}
                  </Stack>
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

type T = (key: string, options?: Record<string, unknown>) => string;

/** The actor types and departments come as bare codes; their words are the console's, in the person's language. */
export function actorTypeLabel(t: T, code: string): string {
  return t(`actorType.${code}`, { defaultValue: code });
}

export function departmentLabel(t: T, code: string): string {
  return t(`department.${code}`, { defaultValue: code });
}

/** A country code as the locale names it (DK -> Denmark / Danmark). */
export function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
