package io.auditlog.analytics.client;

import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestHeader;

import io.smallrye.mutiny.Uni;

/**
 * The audit-service as the dashboard's caller asks it, with the caller's own token (so the audit-service decides
 * whose account it is). Reads only: retried on a failure to connect or a timeout.
 */
@RegisterRestClient(configKey = "audit-service")
@Path("/api/v1")
interface CallerApi {

    /** The caller's account (its plan). */
    @GET
    @Path("/account")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    Uni<Response> account(@RestHeader("Authorization") String authorization);

    /**
     * Records the caller's view of a dashboard section in the audit log (the caller's token names the person).
     * Retried like the reads: a repeat within the window records nothing more.
     */
    @POST
    @Path("/log-access/analytics")
    @Consumes(MediaType.APPLICATION_JSON)
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    Uni<Response> analyticsViewed(@RestHeader("Authorization") String authorization, String body);

    /** The audit catalog (categories and their actions). */
    @GET
    @Path("/catalog")
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    Uni<Response> catalog(@RestHeader("Authorization") String authorization);
}
