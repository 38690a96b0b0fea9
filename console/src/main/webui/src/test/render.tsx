import { type ReactElement, type ReactNode } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiProvider } from '../api/ApiProvider';
import { ApiClient } from '../api/client';
import { cssVariablesResolver, theme } from '../theme';
import '../i18n';

/**
 * Renders a screen as the console does, with the real API client whose fetch the test answers (vi.stubGlobal
 * of fetch with the services' recorded shapes): components are tested on what they send and show. A `route` of
 * null renders without a router, for the whole console, which brings its own (BrowserRouter on window.location).
 */
export function renderScreen(
  ui: ReactElement,
  { route = '/', client }: { route?: string | null; client?: ApiClient } = {},
) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const api = client ?? new ApiClient(() => 'test-token');
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <ApiProvider client={api}>
          {route === null ? children : <MemoryRouter initialEntries={[route]}>{children}</MemoryRouter>}
        </ApiProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
  return render(ui, { wrapper });
}
