import { afterEach, describe, expect, it } from 'vitest';
import { UserManager } from 'oidc-client-ts';
import { forgetMetadata, keepMetadata, keptMetadata } from './metadata';

const authority = 'http://idp.test/realms/a';
const document = {
  issuer: authority,
  authorization_endpoint: `${authority}/auth`,
  token_endpoint: `${authority}/token`,
  end_session_endpoint: `${authority}/logout`,
};

afterEach(() => sessionStorage.clear());

describe("the provider's discovery document kept for the tab", () => {
  it('is kept once a sign-in worked, and given back for the same provider only', async () => {
    const manager = new UserManager({ authority, client_id: 'console', redirect_uri: 'http://console.test/cb', metadata: document });
    keepMetadata(manager, authority);
    expect(keptMetadata(authority)).toBeUndefined();
    await manager.events.load({ access_token: 't', token_type: 'Bearer', profile: {} } as never);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(keptMetadata(authority)).toEqual(document);
    expect(keptMetadata('http://idp.test/realms/b')).toBeUndefined();
    forgetMetadata(authority);
    expect(keptMetadata(authority)).toBeUndefined();
  });

  it('is not used when it is not JSON or lacks an endpoint the sign-in needs', () => {
    sessionStorage.setItem(`oidc-metadata:${authority}`, '{not json');
    expect(keptMetadata(authority)).toBeUndefined();
    sessionStorage.setItem(`oidc-metadata:${authority}`, JSON.stringify({ issuer: authority, authorization_endpoint: 'x' }));
    expect(keptMetadata(authority)).toBeUndefined();
  });
});
