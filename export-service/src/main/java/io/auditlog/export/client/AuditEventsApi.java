package io.auditlog.export.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/**
 * The audit-service as this service's own client calls it: every request carries a client-credentials token of
 * the export-service's client (quarkus-oidc-client, renewed before it expires).
 */
@RegisterRestClient(configKey = "audit-service")
@OidcClientFilter
@Path("/api/v1/events")
interface AuditEventsApi {

    /** Records one event (the EXPORT action) in {@code account}. */
    @Timeout(30_000)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> record(@RestQuery String account, byte[] event);
}
