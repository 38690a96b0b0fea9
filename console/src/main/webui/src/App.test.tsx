import { type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthContext, type AuthContextProps } from 'react-oidc-context';
import i18n from './i18n';
import { ApiProvider } from './api/ApiProvider';
import { ApiClient } from './api/client';
import { App } from './App';
import { cssVariablesResolver, theme } from './theme';
import { loginEvent } from './pages/log/fixtures';
import { eventCalls, giveElementsASize, stubServices } from './pages/log/testing';

giveElementsASize();
afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState({}, '', '/');
});

function wrapper({ children }: { children: ReactNode }) {
  const auth = { user: { profile: { sub: 'u-ann', name: 'Ann Lee' } }, isAuthenticated: true } as unknown as AuthContextProps;
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <AuthContext.Provider value={auth}>
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <ApiProvider client={new ApiClient(() => 'test-token')}>{children}</ApiProvider>
        </QueryClientProvider>
      </AuthContext.Provider>
    </MantineProvider>
  );
}

describe('the console opening on the log', () => {
  it("asks for the log's first page while the account is still loading, and once only", async () => {
    void i18n.changeLanguage('en');
    window.history.replaceState({}, '', '/log?category=LOGIN');
    const calls = stubServices([[/^\/api\/v1\/events$/, () => ({ body: { items: [loginEvent], nextCursor: null } })]]);
    // The account answers only after the events were asked for: without the prefetch the log would wait forever.
    const services = globalThis.fetch;
    let eventsAsked: () => void = () => {};
    const eventsSeen = new Promise<void>((resolve) => (eventsAsked = resolve));
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      const path = new URL(input, 'http://console.test').pathname;
      if (path === '/api/v1/events') eventsAsked();
      if (path === '/api/v1/account') await eventsSeen;
      return services(input, init);
    });
    render(<App />, { wrapper });
    expect(await screen.findByText('Ann Lee', { selector: '[role=row] *' })).toBeInTheDocument();
    const events = eventCalls(calls);
    expect(events).toHaveLength(1);
    expect(events[0].url.searchParams.getAll('category')).toEqual(['LOGIN']);
    expect(events[0].url.searchParams.get('limit')).toBe('100');
  });

  it('asks for nothing of the log when it opens on another screen', async () => {
    void i18n.changeLanguage('en');
    window.history.replaceState({}, '', '/settings');
    const calls = stubServices([]);
    render(<App />, { wrapper });
    await screen.findByRole('navigation');
    expect(eventCalls(calls)).toHaveLength(0);
  });
});
