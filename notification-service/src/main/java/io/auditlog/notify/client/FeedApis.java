package io.auditlog.notify.client;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * The feeds this service reads (docs/architecture.md: {@code GET <feed>?after=POSITION&limit=N}), each call with
 * this service's client-credentials token (quarkus-oidc-client, renewed before it expires). A page read is
 * idempotent: it is retried on a failure to connect or a timeout; a producer that keeps failing opens the circuit
 * for a while, and the consumer's next ring tries again.
 */
final class FeedApis {

    private FeedApis() {
    }

    /** The audit-service's change feed, read for some actions only (their events are the page's items). */
    @RegisterRestClient(configKey = "audit-feed")
    @OidcClientFilter
    @Path("/internal/v1/feed")
    interface AuditFeed {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        @Timeout(value = 10, unit = ChronoUnit.SECONDS)
        @Retry(maxRetries = 2, delay = 200)
        @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5, delayUnit = ChronoUnit.SECONDS)
        Uni<Response> page(@RestQuery String after, @RestQuery int limit, @RestQuery List<String> action);
    }

    /** The audit-service's mentions feed (a record per comment and person it mentions). */
    @RegisterRestClient(configKey = "audit-mentions")
    @OidcClientFilter
    @Path("/internal/v1/mentions")
    interface MentionsFeed {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        @Timeout(value = 10, unit = ChronoUnit.SECONDS)
        @Retry(maxRetries = 2, delay = 200)
        @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5, delayUnit = ChronoUnit.SECONDS)
        Uni<Response> page(@RestQuery String after, @RestQuery int limit);
    }

    /** The export-service's export-ready feed. */
    @RegisterRestClient(configKey = "exports-feed")
    @OidcClientFilter
    @Path("/internal/v1/export-ready")
    interface ExportReadyFeed {
        @GET
        @Produces(MediaType.APPLICATION_JSON)
        @Timeout(value = 10, unit = ChronoUnit.SECONDS)
        @Retry(maxRetries = 2, delay = 200)
        @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.8, delay = 5, delayUnit = ChronoUnit.SECONDS)
        Uni<Response> page(@RestQuery String after, @RestQuery int limit);
    }
}
