package io.auditlog.analytics.client;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * The audit-service's change feed, read with this service's client-credentials token (quarkus-oidc-client, renewed
 * before it expires). A page read is idempotent: retried on a failure to connect or a timeout; an audit-service that
 * keeps failing opens the circuit for a while, and the consumer's next poll tries again.
 */
@RegisterRestClient(configKey = "audit-service")
@OidcClientFilter
@Path("/internal/v1/feed")
interface AuditFeedApi {

    @GET
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5, delayUnit = ChronoUnit.SECONDS)
    Uni<Response> page(@RestQuery String after, @RestQuery int limit);
}
