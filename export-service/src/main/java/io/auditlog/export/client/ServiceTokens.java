package io.auditlog.export.client;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.inject.Singleton;

import io.quarkus.oidc.client.runtime.AbstractTokensProducer;

/**
 * This service's client-credentials token for the one call that does not go through the typed client, the
 * report stream: the same default OIDC client as the REST client filter, renewed before it expires
 * ({@code quarkus.oidc-client.refresh-token-time-skew}), and fetched anew after the audit-service answered 401.
 */
@Singleton
public class ServiceTokens extends AbstractTokensProducer {

    private final AtomicBoolean forceNew = new AtomicBoolean();

    /** A valid access token (blocking: called on a worker's thread). */
    public String accessToken() {
        return awaitTokens().getAccessToken();
    }

    /** The audit-service refused the current token: the next {@link #accessToken()} asks for a new one. */
    public void refused() {
        forceNew.set(true);
    }

    @Override
    protected boolean isForceNewTokens() {
        return forceNew.getAndSet(false);
    }
}
