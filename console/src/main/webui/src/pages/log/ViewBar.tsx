import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Anchor, Badge, Button, Checkbox, Group, Menu, NativeSelect, Popover, Stack, Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import type { LogFilters, Sort } from './filters';
import { DeleteViewDialog, NameDialog } from './ViewDialogs';
import { columnIds, savedInput, useViewChanges, viewFiltersOf, type ColumnId, type SavedView } from './views';

/**
 * What can be done with the log's current view: its sort and columns, save (the person's own view), save as,
 * reset to the saved state, share, rename, clone and delete. `view` is the saved view shown (null for a built-in
 * view); `viewId` the view's id either way.
 */
export function ViewBar(props: {
  viewId: string;
  view: SavedView | null;
  filters: LogFilters;
  sort: Sort;
  columns: ColumnId[];
  dirty: boolean;
  onOpenView: (id: string) => void;
  onReset: () => void;
  onSort: (sort: Sort) => void;
  onColumns: (columns: ColumnId[]) => void;
}) {
  const { viewId, view, filters, sort, columns, dirty, onOpenView, onReset, onSort, onColumns } = props;
  const { t } = useTranslation('views');
  const { t: tl } = useTranslation('log');
  const changes = useViewChanges();
  const [dialog, setDialog] = useState<'saveAs' | 'rename' | 'delete' | null>(null);
  const own = Boolean(view?.own);
  const current = { name: '', filters: viewFiltersOf(filters), columns, sort };

  // A dialog shows its own failure; the bar shows those of its direct actions (save, share, clone).
  const failure = dialog ? undefined : ([changes.update.error, changes.copy.error].find((e) => e instanceof ApiError) as ApiError | undefined);
  const stale = failure?.status === 409 && failure.fieldError('version');
  const close = () => {
    setDialog(null);
    changes.create.reset();
    changes.update.reset();
    changes.remove.reset();
  };

  const save = () => {
    if (!view) return;
    changes.update.mutate(
      { id: view.id, input: savedInput(view, { filters: current.filters, columns, sort }) },
      { onSuccess: (saved) => onOpenView(saved.id) },
    );
  };

  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap" align="flex-end">
        {dirty && (
          <Badge color="red.9" variant="outline" role="status" data-testid="unsaved">
            {t('unsaved')}
          </Badge>
        )}
        <NativeSelect
          size="xs"
          label={t('sort.label')}
          value={sort}
          onChange={(e) => onSort(e.currentTarget.value as Sort)}
          data={[
            { value: 'newest', label: t('sort.newest') },
            { value: 'oldest', label: t('sort.oldest') },
          ]}
        />
        <Popover position="bottom-start" withArrow trapFocus>
          <Popover.Target>
            <Button size="xs" variant="default">
              {t('columns.button')}
            </Button>
          </Popover.Target>
          <Popover.Dropdown>
            <Checkbox.Group
              label={t('columns.label')}
              value={columns}
              onChange={(chosen) => {
                // The table's order, whatever the order of the clicks; one column at least.
                if (chosen.length) onColumns(columnIds.filter((c) => chosen.includes(c)));
              }}
            >
              <Stack gap={6} mt="xs">
                {columnIds.map((c) => (
                  <Checkbox key={c} value={c} label={tl(`column.${c}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
          </Popover.Dropdown>
        </Popover>
        {own && (
          <Button size="xs" onClick={save} disabled={!dirty} loading={changes.update.isPending && !dialog}>
            {t('action.save')}
          </Button>
        )}
        <Button size="xs" variant="light" onClick={() => setDialog('saveAs')}>
          {t('action.saveAs')}
        </Button>
        {view && dirty && (
          <Button size="xs" variant="default" onClick={onReset}>
            {t('action.reset')}
          </Button>
        )}
        {own && view && (
          <Switch
            size="sm"
            label={t('share.label')}
            checked={view.shared}
            disabled={changes.update.isPending}
            onChange={(e) => changes.update.mutate({ id: view.id, input: savedInput(view, { shared: e.currentTarget.checked }) })}
          />
        )}
        <Menu position="bottom-end">
          <Menu.Target>
            <Button size="xs" variant="default">
              {t('action.more')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {own && <Menu.Item onClick={() => setDialog('rename')}>{t('action.rename')}</Menu.Item>}
            <Menu.Item onClick={() => changes.copy.mutate(viewId, { onSuccess: (copy) => onOpenView(copy.id) })}>
              {t('action.clone')}
            </Menu.Item>
            {own && (
              <Menu.Item color="red" onClick={() => setDialog('delete')}>
                {t('action.delete')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
        <Anchor component={Link} to="/views" size="sm">
          {t('manage.link')}
        </Anchor>
      </Group>
      {view && !view.own && view.owner && (
        <Alert color="gray" variant="light" p="xs">
          {t('sharedBy', { name: view.owner.name })}
        </Alert>
      )}
      {failure && (
        <Alert color="red" role="alert" p="xs" title={stale ? t('error.stale') : t('error.failed')}>
          {failure.message}
        </Alert>
      )}

      <NameDialog
        opened={dialog === 'saveAs'}
        title={t('saveAs.title')}
        submitLabel={t('action.save')}
        initial={view ? t('copyName', { name: view.name }) : ''}
        pending={changes.create.isPending}
        error={changes.create.error}
        onClose={close}
        onSubmit={(name) =>
          changes.create.mutate(
            { ...current, name, shared: false },
            {
              onSuccess: (created) => {
                close();
                onOpenView(created.id);
              },
            },
          )
        }
      />
      {view && (
        <NameDialog
          opened={dialog === 'rename'}
          title={t('rename.title')}
          submitLabel={t('action.rename')}
          initial={view.name}
          pending={changes.update.isPending}
          error={changes.update.error}
          onClose={close}
          onSubmit={(name) => changes.update.mutate({ id: view.id, input: savedInput(view, { name }) }, { onSuccess: close })}
        />
      )}
      {view && (
        <DeleteViewDialog
          opened={dialog === 'delete'}
          name={view.name}
          shared={view.shared}
          pending={changes.remove.isPending}
          error={changes.remove.error}
          onClose={close}
          onConfirm={() =>
            changes.remove.mutate(view.id, {
              onSuccess: () => {
                close();
                onOpenView('all-logs');
              },
            })
          }
        />
      )}
    </Stack>
  );
}
