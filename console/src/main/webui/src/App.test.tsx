import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import { AuthContext, type AuthContextProps } from 'react-oidc-context';
import i18n from './i18n';
import { App } from './App';
import { renderScreen } from './test/render';
import { loginEvent } from './pages/log/fixtures';
import { eventCalls, giveElementsASize, stubServices } from './pages/log/testing';

giveElementsASize();
afterEach(() => {
  vi.unstubAllGlobals();
  window.history.replaceState({}, '', '/');
});

const auth = { user: { profile: { sub: 'u-ann', name: 'Ann Lee' } }, isAuthenticated: true } as unknown as AuthContextProps;

/** The whole console as a signed-in person sees it, on the page of window.location. */
function renderConsole() {
  return renderScreen(
    <AuthContext.Provider value={auth}>
      <App />
    </AuthContext.Provider>,
    { route: null },
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
    renderConsole();
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
    renderConsole();
    await screen.findByRole('navigation');
    expect(eventCalls(calls)).toHaveLength(0);
  });
});
