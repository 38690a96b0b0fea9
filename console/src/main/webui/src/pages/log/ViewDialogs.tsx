import { useEffect, useState } from 'react';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/problem';
import { ConfirmDialog } from '../../layout/ConfirmDialog';

export const maxViewName = 100;

/** Why a view name cannot be saved, before the service is asked (it checks the same, and uniqueness). */
export function nameProblem(name: string): 'required' | 'tooLong' | null {
  const trimmed = name.trim();
  if (!trimmed) return 'required';
  if (trimmed.length > maxViewName) return 'tooLong';
  return null;
}

/** A view's name asked for: "Save as" and "Rename". The service's refusal (a name the person has) shows at the field. */
export function NameDialog(props: {
  opened: boolean;
  title: string;
  submitLabel: string;
  initial: string;
  pending: boolean;
  error: unknown;
  onSubmit: (name: string) => void;
  onClose: () => void;
}) {
  const { opened, title, submitLabel, initial, pending, error, onSubmit, onClose } = props;
  const { t } = useTranslation('views');
  const [name, setName] = useState(initial);
  const [touched, setTouched] = useState(false);
  useEffect(() => {
    if (opened) {
      setName(initial);
      setTouched(false);
    }
  }, [opened, initial]);
  const problem = nameProblem(name);
  const serverError = error instanceof ApiError ? (error.fieldError('name') ?? error.message) : null;
  const shownError = touched && problem ? t(`name.${problem}`, { max: maxViewName }) : serverError;
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('action.close') }}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!problem) onSubmit(name.trim());
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('name.label')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={shownError}
            data-autofocus
            withAsterisk
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('action.cancel')}
            </Button>
            <Button type="submit" loading={pending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** "Delete view?" with the view's name: deleting cannot be undone, and others may use a shared view. */
export function DeleteViewDialog(props: {
  opened: boolean;
  name: string;
  shared: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { opened, name, shared, pending, error, onConfirm, onClose } = props;
  const { t } = useTranslation('views');
  return (
    <ConfirmDialog
      opened={opened}
      title={t('delete.title')}
      confirmLabel={t('delete.confirm')}
      pending={pending}
      error={error instanceof ApiError ? error.message : null}
      onConfirm={onConfirm}
      onClose={onClose}
    >
      <Text size="sm">{t('delete.text', { name })}</Text>
      {shared && <Text size="sm">{t('delete.shared')}</Text>}
    </ConfirmDialog>
  );
}
