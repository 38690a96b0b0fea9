import { createContext, useContext, useMemo, useRef, type ReactNode } from 'react';
import { useAuth } from 'react-oidc-context';
import { ApiClient } from './client';

const ApiContext = createContext<ApiClient | null>(null);

/** Screens call the services through this client (tests give their own). */
export function ApiProvider({ children, client }: { children: ReactNode; client: ApiClient }) {
  return <ApiContext.Provider value={client}>{children}</ApiContext.Provider>;
}

/** The signed-in session's client; a 401 (token expired and not renewed) sends the person to log in again. */
export function SessionApiProvider({ children }: { children: ReactNode }) {
  const auth = useAuth();
  // The latest session, read at each call: a silently renewed token is used at once by the one client.
  const latest = useRef(auth);
  latest.current = auth;
  const client = useMemo(
    () =>
      new ApiClient(
        () => latest.current.user?.access_token,
        () => {
          const returnTo = window.location.pathname + window.location.search;
          void latest.current.signinRedirect({ state: { returnTo } });
        },
      ),
    [],
  );
  return <ApiProvider client={client}>{children}</ApiProvider>;
}

export function useApi(): ApiClient {
  const client = useContext(ApiContext);
  if (!client) throw new Error('useApi outside ApiProvider');
  return client;
}
