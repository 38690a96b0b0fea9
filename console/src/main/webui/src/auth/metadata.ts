import type { OidcMetadata, UserManager } from 'oidc-client-ts';

/**
 * The provider's discovery document, kept for the tab's session. A reload signs in again through the provider (tokens
 * live in memory only), and without this both the page that goes to the provider and the page it comes back to ask
 * for the discovery document first (Keycloak forbids caching it), two round trips before the sign-in starts. The
 * document is public; a stale one (the provider's endpoints moved) is dropped on the first sign-in error, so the
 * next load asks for it again.
 */
const key = (authority: string) => `oidc-metadata:${authority}`;

export function keptMetadata(authority: string): Partial<OidcMetadata> | undefined {
  try {
    const kept = JSON.parse(sessionStorage.getItem(key(authority)) ?? 'null') as Partial<OidcMetadata> | null;
    return kept?.issuer && kept.authorization_endpoint && kept.token_endpoint ? kept : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the document the manager discovered, once a sign-in with it has worked. */
export function keepMetadata(manager: UserManager, authority: string): void {
  manager.events.addUserLoaded(() => {
    manager.metadataService
      .getMetadata()
      .then((metadata) => sessionStorage.setItem(key(authority), JSON.stringify(metadata)))
      .catch(() => undefined);
  });
}

export function forgetMetadata(authority: string): void {
  try {
    sessionStorage.removeItem(key(authority));
  } catch {
    // Storage refused (a private window's quota): nothing was kept either.
  }
}
