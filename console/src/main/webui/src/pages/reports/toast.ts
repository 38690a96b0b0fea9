import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';

/**
 * A toast of this screen: its close button named, and its text at a contrast WCAG AA accepts (Mantine dims a
 * notification's message to 3.3:1).
 */
export function toast(t: TFunction, options: { title: string; message: string; color: 'green' | 'red' }) {
  notifications.show({
    ...options,
    closeButtonProps: { 'aria-label': t('closeToast') },
    styles: { description: { color: 'var(--mantine-color-gray-7)' } },
  });
}
