import { memo, useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link } from 'react-router-dom';
import { Loader } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '../../api/types';
import { initials } from '../../auth/session';
import { formatDateTime } from '../../format/time';
import type { CatalogOptions } from './data';
import { objectHref } from './links';
import classes from './log.module.css';
import { columnIds, defaultColumns, sameColumns, type ColumnId } from './views';

/** Each column's share of the row, as the log's and the staff screen's grids have them. */
const columnWidths: Record<ColumnId, string> = {
  time: 'minmax(130px, 180px)',
  user: 'minmax(150px, 1.3fr)',
  department: 'minmax(110px, 150px)',
  category: 'minmax(110px, 160px)',
  activity: 'minmax(130px, 1fr)',
  object: 'minmax(120px, 1.2fr)',
  where: 'minmax(110px, 140px)',
};

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
  /** The columns shown, in the table's order (a view's choice); the log's own by default. */
  columns?: ColumnId[];
}

/**
 * The log's table: a grid of rows in one scrolling box, only the rows in sight rendered (TanStack Virtual), so
 * thousands of loaded rows scroll as smoothly as fifty. Near the end it asks for the next page. Rows are one tab
 * stop: arrow keys, Home/End and Page Up/Down move, Enter opens the details.
 */
export function EventTable(props: EventTableProps) {
  const { events, catalog, hasNextPage, isFetchingNextPage, fetchNextPage, onOpen, withDepartment, selectedId, label } = props;
  const shown: readonly ColumnId[] = withDepartment ? columnIds : (props.columns ?? defaultColumns);
  const { t, i18n } = useTranslation('log');
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusAfterRender = useRef<number | null>(null);
  const count = events.length + (hasNextPage ? 1 : 0);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
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

  // One stable object for every row, reading the latest state: rows are memoised and re-render only when their
  // own event, position or focus changes, so scrolling renders only the rows coming into sight.
  const latest = useRef({ onKeyDown, onOpen, setActive });
  latest.current = { onKeyDown, onOpen, setActive };
  const handlers = useMemo<RowHandlers>(
    () => ({
      open: (event, index) => {
        latest.current.setActive(index);
        latest.current.onOpen(event);
      },
      focus: (index) => latest.current.setActive(index),
      keyDown: (e, index) => latest.current.onKeyDown(e, index),
    }),
    [],
  );

  // The log's and the staff screen's own grids are classes; a view's own choice of columns gets its grid inline.
  const columns = withDepartment ? classes.rowStaff : sameColumns(shown, defaultColumns) ? classes.rowLog : '';
  // One object per choice of columns: the rows are memoised on their props.
  const template = columns ? '' : shown.map((c) => columnWidths[c]).join(' ');
  const gridStyle = useMemo(() => (template ? { gridTemplateColumns: template } : undefined), [template]);
  const headers = shown.map((c) => t(`column.${c}`));

  return (
    <div
      role="grid"
      aria-label={label}
      aria-rowcount={hasNextPage ? -1 : events.length + 1}
      aria-colcount={headers.length}
      className={classes.grid}
    >
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={`${classes.row} ${classes.header} ${columns}`} style={gridStyle}>
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
            return (
              <EventRow
                key={item.key}
                event={event}
                index={item.index}
                start={item.start}
                size={item.size}
                active={item.index === active}
                selected={event.id === selectedId}
                columns={columns}
                gridStyle={gridStyle}
                shown={shown}
                catalog={catalog}
                language={i18n.language}
                handlers={handlers}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowHandlers {
  open: (event: AuditEvent, index: number) => void;
  focus: (index: number) => void;
  keyDown: (e: KeyboardEvent<HTMLDivElement>, index: number) => void;
}

interface EventRowProps {
  event: AuditEvent;
  index: number;
  start: number;
  size: number;
  active: boolean;
  selected: boolean;
  columns: string;
  gridStyle: { gridTemplateColumns: string } | undefined;
  shown: readonly ColumnId[];
  catalog: CatalogOptions;
  language: string;
  handlers: RowHandlers;
}

/**
 * One row. Plain elements styled by the module's classes rather than layout components: thousands of rows pass
 * through while scrolling, and each must render in well under a frame.
 */
const EventRow = memo(function EventRow(props: EventRowProps) {
  const { event, index, start, size, active, selected, columns, gridStyle, shown, catalog, language, handlers } = props;
  const { t } = useTranslation('log');
  const href = objectHref(event);
  const who = event.actor.name || event.actor.email || event.actor.id;
  const objectName = event.object.name || event.object.id;
  const subcategory = catalog.subcategoryLabel(event.category, event.subcategory);
  const action = catalog.actionLabel(event.category, event.action);
  return (
    <div
      role="row"
      data-index={index}
      data-event-id={event.id}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={active ? 0 : -1}
      className={`${classes.row} ${classes.virtual} ${classes.body} ${columns}`}
      style={{ transform: `translateY(${start}px)`, height: size, ...gridStyle }}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('a')) return;
        handlers.open(event, index);
      }}
      onFocus={() => handlers.focus(index)}
      onKeyDown={(e) => handlers.keyDown(e, index)}
    >
      {shown.includes('time') && (
        <div role="gridcell" className={classes.cell}>
          <span className={classes.time}>{formattedTime(event, language)}</span>
        </div>
      )}
      {shown.includes('user') && (
        <div role="gridcell" className={`${classes.cell} ${classes.user}`}>
          <span className={classes.avatar} aria-hidden data-initials={initials(who)} />
          <span className={classes.lines}>
            <span className={classes.primary}>{who || t('actor.unknown')}</span>
            <span className={classes.secondary}>
              {actorTypeLabel(t, event.actor.type)}
              {event.actor.name && event.actor.email ? ` · ${event.actor.email}` : ''}
            </span>
          </span>
        </div>
      )}
      {shown.includes('department') && (
        <div role="gridcell" className={classes.cell}>
          <span className={classes.primary}>{event.actor.department ? departmentLabel(t, event.actor.department) : ''}</span>
        </div>
      )}
      {shown.includes('category') && (
        <div role="gridcell" className={classes.cell}>
          <span className={classes.badge}>{catalog.categoryLabel(event.category)}</span>
        </div>
      )}
      {shown.includes('activity') && (
        <div role="gridcell" className={classes.cell}>
          <span className={classes.lines}>
            <span className={classes.primary}>{subcategory || action}</span>
            {subcategory && <span className={classes.secondary}>{action}</span>}
          </span>
        </div>
      )}
      {shown.includes('object') && (
        <div role="gridcell" className={classes.cell}>
          <span className={classes.lines}>
            {objectName &&
              (href ? (
                <Link to={href} className={`${classes.primary} ${classes.link}`} tabIndex={active ? 0 : -1}>
                  {objectName}
                </Link>
              ) : (
                <span className={classes.primary}>{objectName}</span>
              ))}
            {event.object.type && <span className={classes.secondary}>{event.object.type}</span>}
          </span>
        </div>
      )}
      {shown.includes('where') && (
        <div role="gridcell" className={classes.cell}>
          <span className={classes.lines}>
            <span className={classes.primary}>{event.context.ip ?? ''}</span>
            {event.context.country && <span className={classes.secondary}>{countryName(event.context.country, language)}</span>}
          </span>
        </div>
      )}
    </div>
  );
});

// Formatting a time builds an Intl formatter (a fraction of a millisecond each): done once per event and language.
const times = new WeakMap<AuditEvent, { language: string; text: string }>();
function formattedTime(event: AuditEvent, language: string): string {
  const cached = times.get(event);
  if (cached && cached.language === language) return cached.text;
  const text = formatDateTime(event.occurredAt, language);
  times.set(event, { language, text });
  return text;
}

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * The actor types and departments come as bare codes; their words are the console's, in the person's language. An event
 * may name no actor at all (a producer's system job): then there is no type to name, rather than a raw message key.
 */
export function actorTypeLabel(t: T, code: string | null): string {
  return code ? t(`actorType.${code}`, { defaultValue: code }) : '';
}

export function departmentLabel(t: T, code: string): string {
  return t(`department.${code}`, { defaultValue: code });
}

/** A country code as the locale names it (DK -> Denmark / Danmark). */
const regionNames = new Map<string, Intl.DisplayNames>();
export function countryName(code: string, language: string): string {
  try {
    let names = regionNames.get(language);
    if (!names) regionNames.set(language, (names = new Intl.DisplayNames([language], { type: 'region' })));
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
