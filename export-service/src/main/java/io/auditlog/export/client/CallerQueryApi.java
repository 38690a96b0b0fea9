package io.auditlog.export.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

/**
 * The audit-service as the requesting admin calls it: with the admin's own token (no service token), so that the
 * audit-service decides which account and which filters the admin may use.
 */
@RegisterRestClient(configKey = "audit-service")
@Path("/api/v1/events")
interface CallerQueryApi {

    /** The filters' check: a search with check=true, which reads nothing (and so records no read of the log). */
    @Timeout(30_000)
    @GET
    Uni<Response> search(@RestQuery MultivaluedMap<String, String> query, @RestHeader("Authorization") String authorization);
}
