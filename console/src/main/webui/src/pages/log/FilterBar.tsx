import { useEffect, useId, useMemo, useState } from 'react';
import { Button, Collapse, Group, MultiSelect, Popover, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/problem';
import type { AuditEvent } from '../../api/types';
import { formatDate } from '../../format/time';
import { actorTypeLabel, departmentLabel } from './EventTable';
import { useKnownActors, type CatalogOptions } from './data';
import { HasCommentsFilter } from '../comments/HasCommentsFilter';
import {
  datePresets,
  dayRange,
  hasFilters,
  periodDays,
  presetFrom,
  presetOf,
  type DatePresetKey,
  type LogFilters,
} from './filters';

export interface FilterBarProps {
  filters: LogFilters;
  onChange: (filters: LogFilters) => void;
  onClear: () => void;
  catalog: CatalogOptions;
  /** The rows loaded so far: their people and teams are offered in the searches. */
  loaded: AuditEvent[];
  /** The service's 400 for the current filters: its reason is shown beside the field it names. */
  error: ApiError | null;
  /** Staff access: the actor type is fixed (STAFF) and the department can be chosen. */
  staff?: boolean;
}

/** Mantine's dimmed description grey is below WCAG AA contrast on white; gray 7 passes. */
const readable = { description: { color: 'var(--mantine-color-gray-7)' } };

/** The log's filters; every change goes to the URL at once (text fields on Enter or when left). */
export function FilterBar({ filters, onChange, onClear, catalog, loaded, error, staff }: FilterBarProps) {
  const { t } = useTranslation('log');
  const set = <K extends keyof LogFilters>(name: K, value: LogFilters[K]) => onChange({ ...filters, [name]: value });
  const fieldError = (name: string) => error?.fieldError(name);

  const actors = useActorSuggestions(loaded);
  const teams = useMemo(() => suggestions(loaded.flatMap((e) => e.actor.teams ?? []), filters.team), [loaded, filters.team]);
  const objectTypes = useMemo(
    () => suggestions(loaded.map((e) => e.object.type).filter((v): v is string => Boolean(v)), filters.objectType),
    [loaded, filters.objectType],
  );

  // The filters used less often open on demand (open when the URL sets one of them, and on the staff screen,
  // whose department filter is among them).
  const secondary = [filters.team, filters.ip, filters.objectType, filters.objectId, staff ? filters.department : filters.actorType].filter(
    (values) => values.length,
  ).length;
  const [more, setMore] = useState(Boolean(staff) || secondary > 0);
  const subcategories = catalog.subcategories(filters.category);
  const actions = catalog.actions(filters.category);

  return (
    <Stack gap="xs" component="section" aria-label={t('filters.label')}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3, lg: 6 }} spacing="xs" verticalSpacing="xs">
        <MultiSelect
          label={t('filters.category')}
          placeholder={filters.category.length ? undefined : t('filters.any')}
          data={catalog.categories.map((c) => ({ value: c.code, label: c.label }))}
          value={filters.category}
          onChange={(category) => {
            // Subcategories and actions not of the chosen categories are dropped with them.
            const subs = new Set(catalog.subcategories(category).map((s) => s.code));
            const acts = new Set(catalog.actions(category).map((a) => a.code));
            onChange({
              ...filters,
              category,
              subcategory: filters.subcategory.filter((s) => subs.has(s)),
              action: filters.action.filter((a) => acts.has(a)),
            });
          }}
          searchable
          clearable
          error={fieldError('category')}
          size="xs"
        />
        <MultiSelect
          label={t('filters.subcategory')}
          placeholder={filters.subcategory.length ? undefined : t('filters.any')}
          data={withChosen(subcategories.map((s) => ({ value: s.code, label: s.label })), filters.subcategory)}
          value={filters.subcategory}
          onChange={(v) => set('subcategory', v)}
          searchable
          clearable
          error={fieldError('subcategory')}
          size="xs"
        />
        <MultiSelect
          label={t('filters.action')}
          placeholder={filters.action.length ? undefined : t('filters.any')}
          data={withChosen(actions.map((a) => ({ value: a.code, label: a.label })), filters.action)}
          value={filters.action}
          onChange={(v) => set('action', v)}
          searchable
          clearable
          error={fieldError('action')}
          size="xs"
        />
        <DateRangeFilter filters={filters} onChange={onChange} error={fieldError('from') ?? fieldError('to')} />
        <TagsInput
          label={t('filters.actor')}
          description={t('filters.actorHint')}
          styles={readable}
          placeholder={filters.actor.length ? undefined : t('filters.any')}
          data={withChosen(actors, filters.actor)}
          value={filters.actor}
          onChange={(v) => set('actor', v)}
          clearable
          error={fieldError('actor')}
          size="xs"
        />
        <SearchField value={filters.q} onChange={(q) => set('q', q)} error={fieldError('q')} />
      </SimpleGrid>
      <Collapse expanded={more}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3, lg: 6 }} spacing="xs" verticalSpacing="xs" pb={4}>
          {staff ? (
            <MultiSelect
              label={t('filters.department')}
              placeholder={filters.department.length ? undefined : t('filters.any')}
              data={catalog.departments.map((d) => ({ value: d.code, label: departmentLabel(t, d.code) }))}
              value={filters.department}
              onChange={(v) => set('department', v)}
              clearable
              size="xs"
            />
          ) : (
            <MultiSelect
              label={t('filters.actorType')}
              placeholder={filters.actorType.length ? undefined : t('filters.any')}
              data={catalog.actorTypes.map((a) => ({ value: a.code, label: actorTypeLabel(t, a.code) }))}
              value={filters.actorType}
              onChange={(v) => set('actorType', v)}
              clearable
              error={fieldError('actorType')}
              size="xs"
            />
          )}
          <TagsInput
            label={t('filters.team')}
            placeholder={filters.team.length ? undefined : t('filters.any')}
            data={teams}
            value={filters.team}
            onChange={(v) => set('team', v)}
            clearable
            error={fieldError('team')}
            size="xs"
          />
          <TagsInput
            label={t('filters.ip')}
            description={t('filters.ipHint')}
            styles={readable}
            placeholder={filters.ip.length ? undefined : t('filters.any')}
            value={filters.ip}
            onChange={(v) => set('ip', v)}
            clearable
            error={fieldError('ip')}
            size="xs"
          />
          <TagsInput
            label={t('filters.objectType')}
            placeholder={filters.objectType.length ? undefined : t('filters.any')}
            data={objectTypes}
            value={filters.objectType}
            onChange={(v) => set('objectType', v)}
            clearable
            error={fieldError('objectType')}
            size="xs"
          />
          <TagsInput
            label={t('filters.objectId')}
            placeholder={filters.objectId.length ? undefined : t('filters.any')}
            value={filters.objectId}
            onChange={(v) => set('objectId', v)}
            clearable
            error={fieldError('objectId')}
            size="xs"
          />

        </SimpleGrid>
      </Collapse>
      <Group gap="xs">
        <HasCommentsFilter checked={filters.hasComments} onChange={(v) => set('hasComments', v)} />
        <Button variant="subtle" size="xs" onClick={() => setMore((m) => !m)} aria-expanded={more}>
          {more ? t('filters.fewer') : secondary ? t('filters.moreCount', { count: secondary }) : t('filters.more')}
        </Button>
        {hasFilters(filters) && (
          <Button variant="subtle" size="xs" onClick={onClear}>
            {t('filters.clear')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** The free text, applied on Enter or when the field is left (not at every key: each would be a request). */
function SearchField({ value, onChange, error }: { value: string; onChange: (q: string) => void; error?: string }) {
  const { t } = useTranslation('log');
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const apply = () => {
    if (text.trim() !== value) onChange(text.trim());
  };
  return (
    <TextInput
      label={t('filters.q')}
      description={t('filters.qHint')}
          styles={readable}
      type="search"
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') apply();
      }}
      onBlur={apply}
      error={error}
      size="xs"
    />
  );
}

/** The period: the presets, or any whole days from the date picker. */
function DateRangeFilter({ filters, onChange, error }: { filters: LogFilters; onChange: (f: LogFilters) => void; error?: string }) {
  const { t, i18n } = useTranslation('log');
  const [customOpen, setCustomOpen] = useState(false);
  const titleId = useId();
  const now = new Date();
  const preset = presetOf(filters, now);
  const days = periodDays(filters);
  const [picked, setPicked] = useState<[string | null, string | null]>(days);
  const hasPeriod = Boolean(filters.from || filters.to);
  const value = preset ?? (hasPeriod ? 'custom' : 'any');
  const customLabel = hasPeriod
    ? t('filters.period', {
        from: filters.from ? formatDate(filters.from, i18n.language) : '…',
        to: filters.to ? formatDate(new Date(Date.parse(filters.to) - 1).toISOString(), i18n.language) : '…',
      })
    : t('filters.custom');

  return (
    <Popover opened={customOpen} onChange={setCustomOpen} position="bottom-start" trapFocus returnFocus withinPortal>
      <Popover.Target>
        <Select
          label={t('filters.date')}
          data={[
            { value: 'any', label: t('filters.anyTime') },
            ...datePresets.map((p) => ({ value: p.key, label: t(`filters.preset.${p.key}`) })),
            { value: 'custom', label: customLabel },
          ]}
          value={value}
          allowDeselect={false}
          onChange={(choice) => {
            if (choice === 'custom') {
              setPicked(days);
              setCustomOpen(true);
            } else if (choice === 'any') onChange({ ...filters, from: '', to: '' });
            else if (choice) onChange({ ...filters, from: presetFrom(choice as DatePresetKey, new Date()), to: '' });
          }}
          error={error}
          size="xs"
        />
      </Popover.Target>
      <Popover.Dropdown aria-labelledby={titleId}>
        <Stack gap="xs">
          <Text id={titleId} size="sm" fw={600}>
            {t('filters.custom')}
          </Text>
          <DatePicker
            type="range"
            allowSingleDateInRange
            value={picked}
            onChange={(v) => setPicked(v as [string | null, string | null])}
            maxDate={new Date()}
            locale={i18n.language}
            ariaLabels={{
              previousMonth: t('filters.previousMonth'),
              nextMonth: t('filters.nextMonth'),
              monthLevelControl: t('filters.chooseMonth'),
            }}
          />
          <Group justify="flex-end" gap="xs">
            <Button size="xs" variant="default" onClick={() => setCustomOpen(false)}>
              {t('action.cancel')}
            </Button>
            <Button
              size="xs"
              disabled={!picked[0]}
              onClick={() => {
                onChange({ ...filters, ...dayRange(picked[0], picked[1] ?? picked[0]) });
                setCustomOpen(false);
              }}
            >
              {t('action.apply')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}

/** "Changed by": the account's active people (analytics-service) and those of the loaded rows, by email or id. */
function useActorSuggestions(loaded: AuditEvent[]) {
  const known = useKnownActors();
  return useMemo(() => {
    const byId = new Map<string, { value: string; label: string }>();
    for (const e of loaded) {
      const id = e.actor.email || e.actor.id;
      if (!id || byId.has(id)) continue;
      byId.set(id, { value: id, label: e.actor.name ? `${e.actor.name} (${id})` : id });
    }
    const emailsOfIds = new Map(loaded.filter((e) => e.actor.id && e.actor.email).map((e) => [e.actor.id!, e.actor.email!]));
    for (const item of known.data?.items ?? []) {
      const id = emailsOfIds.get(item.actor) ?? item.actor;
      if (!byId.has(id)) byId.set(id, { value: id, label: id });
    }
    return [...byId.values()];
  }, [loaded, known.data]);
}

function suggestions(values: string[], chosen: string[]): string[] {
  return [...new Set(values)].filter((v) => !chosen.includes(v)).sort();
}

/** A value in the URL that the list does not offer (another plan's, a link's) still shows as chosen. */
function withChosen<T extends { value: string; label: string }>(data: T[], chosen: string[]): { value: string; label: string }[] {
  const values = new Set(data.map((d) => d.value));
  return [...data, ...chosen.filter((c) => !values.has(c)).map((c) => ({ value: c, label: c }))];
}
