import { createTheme } from '@mantine/core';

// Dense admin screens: small default sizes; blue 8: white on it and it on white pass contrast (WCAG AA, checked by axe).
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'sm',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
});
