import type { CSSProperties } from 'react';

/**
 * Mantine's light-scheme defaults for secondary text (gray 6) and errors (red 6) reach only about 3.3:1 on white,
 * below WCAG AA's 4.5:1 that axe checks; these screens use darker shades of the same colors.
 */
export const readableColors = {
  '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
  '--mantine-color-error': 'var(--mantine-color-red-9)',
} as CSSProperties;
