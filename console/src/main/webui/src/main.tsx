import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { AuthProvider } from 'react-oidc-context';
import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import './styles.css';
import './i18n';
import { loadConfig } from './config';
import { SessionApiProvider } from './api/ApiProvider';
import { ApiError } from './api/problem';
import { AuthGate, returnToAfterSignin } from './auth/AuthGate';
import { keepMetadata, keptMetadata } from './auth/metadata';
import { App } from './App';
import { cssVariablesResolver, theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; a 503 (Retry-After) or a network failure may.
      retry: (count, error) => count < 2 && !(error instanceof ApiError && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

const root = createRoot(document.getElementById('root')!);

loadConfig()
  .then((config) => {
    const origin = window.location.origin;
    const userManager = new UserManager({
      authority: config.authority,
      client_id: config.clientId,
      metadata: keptMetadata(config.authority),
      redirect_uri: `${origin}/auth/callback`,
      post_logout_redirect_uri: `${origin}/signed-out`,
      scope: 'openid profile email',
      // Tokens live in memory only: nothing for a script or another tab to read from storage. A reload
      // signs in again silently through the provider's session.
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      automaticSilentRenew: true,
      // Renewed 15 s before expiry: the library's default of 60 s would renew without pause when the provider
      // issues tokens of a minute (the CI's local run does), and 15 s is ample for one refresh request.
      accessTokenExpiringNotificationTimeInSeconds: 15,
      monitorSession: false,
    });
    keepMetadata(userManager, config.authority);
    root.render(
      <StrictMode>
        <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
          <Notifications position="top-right" />
          <AuthProvider
            userManager={userManager}
            onSigninCallback={(user: User | void) => {
              window.history.replaceState({}, document.title, returnToAfterSignin(user ? user.state : undefined));
            }}
          >
            <AuthGate>
              <QueryClientProvider client={queryClient}>
                <SessionApiProvider>
                  <App />
                </SessionApiProvider>
              </QueryClientProvider>
            </AuthGate>
          </AuthProvider>
        </MantineProvider>
      </StrictMode>,
    );
  })
  .catch((error: Error) => {
    root.render(
      <main style={{ padding: 24, fontFamily: 'sans-serif' }}>
        <h1>The console could not start</h1>
        <p role="alert">{error.message}</p>
      </main>,
    );
  });
