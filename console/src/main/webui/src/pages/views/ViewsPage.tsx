import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Anchor, Button, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { formatDateTime } from '../../format/time';
import { EmptyState, ErrorState, Loading } from '../../layout/states';
import { DeleteViewDialog, NameDialog } from '../log/ViewDialogs';
import { savedInput, useViewChanges, useViews, type SavedView } from '../log/views';

/** Where a view opens in the log: "All logs" is the log without a view. */
export function viewHref(view: SavedView): string {
  return view.id === 'all-logs' ? '/log' : `/log?view=${encodeURIComponent(view.id)}`;
}

/**
 * "Manage views": every view the person may use, with its owner, sharing and last use; the person's own can be
 * renamed, shared and deleted here, any can be opened or cloned.
 */
export default function ViewsPage() {
  const { t, i18n } = useTranslation('views');
  const { t: tl } = useTranslation('log');
  const views = useViews();
  const changes = useViewChanges();
  const [renaming, setRenaming] = useState<SavedView | null>(null);
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const failure = [changes.update.error, changes.copy.error].find((e) => e instanceof ApiError) as ApiError | undefined;

  const name = (v: SavedView) => (v.builtIn ? tl(`views.${v.id}`, { defaultValue: v.name }) : v.name);
  const owner = (v: SavedView) => (v.builtIn ? t('owner.builtIn') : v.own ? t('owner.you') : (v.owner?.name ?? ''));

  return (
    <Stack gap="sm">
      <div>
        <Title order={1}>{t('title')}</Title>
        <Text size="sm" c="gray.7">
          {t('intro')}
        </Text>
      </div>
      {failure && !renaming && (
        <Text c="red.8" role="alert">
          {failure.message}
        </Text>
      )}
      {views.isPending ? (
        <Loading />
      ) : views.error ? (
        <ErrorState error={views.error} onRetry={() => void views.refetch()} />
      ) : !views.data?.length ? (
        <EmptyState title={t('empty')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover aria-label={t('table.label')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('table.name')}</Table.Th>
                <Table.Th scope="col">{t('table.owner')}</Table.Th>
                <Table.Th scope="col">{t('table.sharing')}</Table.Th>
                <Table.Th scope="col">{t('table.lastUsed')}</Table.Th>
                <Table.Th scope="col">{t('table.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {views.data.map((v) => (
                <Table.Tr key={v.id} data-view-id={v.id}>
                  <Table.Th scope="row" fw={500}>
                    <Anchor component={Link} to={viewHref(v)}>
                      {name(v)}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{owner(v)}</Table.Td>
                  <Table.Td>
                    {v.own ? (
                      <Switch
                        checked={v.shared}
                        label={v.shared ? t('sharing.shared') : t('sharing.private')}
                        aria-label={t('toggleShare', { name: v.name })}
                        disabled={changes.update.isPending}
                        onChange={(e) => changes.update.mutate({ id: v.id, input: savedInput(v, { shared: e.currentTarget.checked }) })}
                      />
                    ) : v.builtIn ? (
                      t('sharing.everyone')
                    ) : (
                      t('sharing.shared')
                    )}
                  </Table.Td>
                  <Table.Td>{v.lastUsedAt ? formatDateTime(v.lastUsedAt, i18n.language) : v.builtIn ? '' : t('never')}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={`${t('action.clone')}: ${name(v)}`}
                        onClick={() =>
                          changes.copy.mutate(v.id, {
                            onSuccess: (copy) => notifications.show({ message: t('cloned', { name: copy.name }), color: 'green' }),
                          })
                        }
                      >
                        {t('action.clone')}
                      </Button>
                      {v.own && (
                        <>
                          <Button size="compact-sm" variant="default" aria-label={`${t('action.rename')}: ${v.name}`} onClick={() => setRenaming(v)}>
                            {t('action.rename')}
                          </Button>
                          <Button
                            size="compact-sm"
                            variant="default"
                            c="red.9"
                            aria-label={`${t('action.delete')}: ${v.name}`}
                            onClick={() => setDeleting(v)}
                          >
                            {t('action.delete')}
                          </Button>
                        </>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NameDialog
        opened={renaming !== null}
        title={t('rename.title')}
        submitLabel={t('action.rename')}
        initial={renaming?.name ?? ''}
        pending={changes.update.isPending}
        error={changes.update.error}
        onClose={() => {
          setRenaming(null);
          changes.update.reset();
        }}
        onSubmit={(newName) =>
          renaming &&
          changes.update.mutate({ id: renaming.id, input: savedInput(renaming, { name: newName }) }, { onSuccess: () => setRenaming(null) })
        }
      />
      <DeleteViewDialog
        opened={deleting !== null}
        name={deleting?.name ?? ''}
        shared={Boolean(deleting?.shared)}
        pending={changes.remove.isPending}
        error={changes.remove.error}
        onClose={() => {
          setDeleting(null);
          changes.remove.reset();
        }}
        onConfirm={() =>
          deleting &&
          changes.remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifications.show({ message: t('deleted'), color: 'green' });
            },
          })
        }
      />
    </Stack>
  );
}
