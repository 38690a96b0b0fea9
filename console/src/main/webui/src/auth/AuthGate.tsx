import { useEffect, type ReactNode } from 'react';
import { hasAuthParams, useAuth } from 'react-oidc-context';
import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { forgetMetadata } from './metadata';

/** Where a signed-in person goes back to after the provider's login page: the page they asked for. */
interface ReturnState {
  returnTo?: string;
}

export function returnToAfterSignin(state: unknown): string {
  const returnTo = (state as ReturnState | undefined)?.returnTo;
  // Only a path of this origin: a state that names another site must not become an open redirect.
  return returnTo && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : '/log';
}

/**
 * Nothing of the console renders before the person is signed in: an anonymous visit goes straight to the
 * provider's login page (authorization code with PKCE), and comes back to the page it asked for.
 */
export function AuthGate({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const { t } = useTranslation();
  const signedOut = window.location.pathname === '/signed-out';

  useEffect(() => {
    if (signedOut || hasAuthParams() || auth.isAuthenticated || auth.activeNavigator || auth.isLoading || auth.error) return;
    const returnTo = window.location.pathname + window.location.search + window.location.hash;
    void auth.signinRedirect({ state: { returnTo } satisfies ReturnState });
  }, [auth, signedOut]);

  // A kept discovery document may be what failed (the provider's endpoints moved): the next load asks again.
  useEffect(() => {
    if (auth.error) forgetMetadata(auth.settings.authority);
  }, [auth.error, auth.settings.authority]);

  if (signedOut && !auth.isAuthenticated) {
    return (
      <Center h="100vh">
        <Stack align="center">
          <Title order={1}>{t('auth.signedOutTitle')}</Title>
          <Text>{t('auth.signedOutText')}</Text>
          <Button onClick={() => void auth.signinRedirect({ state: { returnTo: '/log' } })}>{t('auth.signIn')}</Button>
        </Stack>
      </Center>
    );
  }
  if (auth.error) {
    return (
      <Center h="100vh">
        <Stack align="center" role="alert">
          <Title order={1}>{t('auth.errorTitle')}</Title>
          <Text>{auth.error.message}</Text>
          <Button onClick={() => void auth.signinRedirect({ state: { returnTo: '/log' } })}>{t('auth.signIn')}</Button>
        </Stack>
      </Center>
    );
  }
  if (!auth.isAuthenticated) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('auth.signingIn')} />
      </Center>
    );
  }
  return <>{children}</>;
}
