import type { ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * The one "are you sure?" dialog of the console (delete a report, delete a view, restore a record): what happens
 * in words, the service's refusal as an alert, Cancel first and the confirming button last. The caller names every
 * text, so each screen keeps its own wording in its own namespace; only Cancel and the close button are shared.
 */
export function ConfirmDialog(props: {
  opened: boolean;
  title: string;
  /** What confirming does, in words (a paragraph, or more). */
  children: ReactNode;
  confirmLabel: string;
  /** A destructive action (delete) is red; one that puts something back (restore) is the theme's colour. */
  destructive?: boolean;
  pending: boolean;
  /** The service's refusal, shown in the dialog so the person sees why nothing happened. */
  error?: string | null;
  /** Whether closing focuses the button that opened it (Mantine's default); off when confirming removes that button. */
  returnFocus?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { opened, title, children, confirmLabel, destructive = true, pending, error, returnFocus = true, onConfirm, onClose } = props;
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} returnFocus={returnFocus} closeButtonProps={{ 'aria-label': t('confirm.close') }}>
      <Stack gap="sm">
        {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('confirm.cancel')}
          </Button>
          <Button color={destructive ? 'red.9' : undefined} loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
