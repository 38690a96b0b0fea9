import { Alert, Button, Center, Loader, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/problem';

/** The designed loading state every screen shows while its data comes. */
export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Loader role="status" aria-label={label ?? t('state.loading')} />
    </Center>
  );
}

/** The designed error state: what went wrong in words, the service's own reason, and a retry. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = error instanceof ApiError ? error.status : undefined;
  const message =
    status === 503 ? t('state.unavailable') : status === 404 ? t('state.notFound') : status === 403 ? t('state.forbidden') : t('state.error');
  return (
    <Alert color="red" title={message} role="alert">
      <Stack gap="xs">
        {error instanceof Error && error.message && <Text size="sm">{error.message}</Text>}
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry} w="fit-content">
            {t('state.retry')}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

/** The designed empty state: says there is nothing and, when given, what to do about it. */
export function EmptyState({ title, hint }: { title: string; hint?: string }) {
  return (
    <Center py="xl">
      <Stack align="center" gap={4}>
        <Text fw={600}>{title}</Text>
        {hint && (
          <Text size="sm" c="gray.7">
            {hint}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
