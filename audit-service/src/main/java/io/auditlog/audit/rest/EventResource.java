package io.auditlog.audit.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.audit.api.EventInput;
import io.auditlog.audit.api.EventPageView;
import io.auditlog.audit.api.EventView;
import io.auditlog.audit.api.IngestResponse;
import io.auditlog.audit.domain.LogReader;
import io.auditlog.audit.service.EventExportService;
import io.auditlog.audit.service.EventQueryService;
import io.auditlog.audit.service.EventViewMapper;
import io.auditlog.audit.service.IngestService;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.mutiny.core.buffer.Buffer;

@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

    private static final long HTTP2_INTERNAL_ERROR = 0x2;
    private final IngestService ingest;
    private final EventQueryService queries;
    private final EventBodyReader bodies;
    private final EventViewMapper views;
    private final CallerAccount caller;
    private final EventExportService exports;
    private final SecurityIdentity identity;
    private final ExportCallers exportCallers;
    private final LogReaders readers;

    EventResource(IngestService ingest, EventQueryService queries, EventBodyReader bodies, EventViewMapper views,
            CallerAccount caller, EventExportService exports, SecurityIdentity identity, LogReaders readers,
            ExportCallers exportCallers) {
        this.readers = readers;
        this.exports = exports;
        this.identity = identity;
        this.exportCallers = exportCallers;
        this.ingest = ingest;
        this.queries = queries;
        this.bodies = bodies;
        this.views = views;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INGEST)
    @Operation(summary = "Record one event, or a batch {\"events\":[...]} of up to 1000 (all or nothing); a client "
            + "of many accounts (no account claim in its token) names the account with ?account=")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = EventInput.class,
                    description = "One event, or {\"events\":[event, ...]} with 1 to 1000 events")))
    @APIResponse(responseCode = "201", description = "At least one event was new and is stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IngestResponse.class)))
    @APIResponse(responseCode = "200", description = "Every event repeats an id already stored: nothing new stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IngestResponse.class)))
    @APIResponse(responseCode = "400", description = "Nothing stored: the problem names each bad field")
    public Uni<Response> record(byte[] body, @RestQuery String account) {
        String accountId = caller.accountFor(account, "account");
        EventBodyReader.Body events = bodies.read(body);
        return ingest.ingest(accountId, events.events(), events.batch(), events.checkText()).map(result -> Response
                .status(result.anyCreated() ? Response.Status.CREATED : Response.Status.OK).entity(result).build());
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Search the account's log, newest first, one keyset page at a time; a person's search is "
            + "recorded as an AUDIT_LOG event (coalesced). check=true checks the query and reads nothing")
    public Uni<EventPageView> search(@BeanParam LogQueryParams query, @RestQuery String check,
            @Context HttpServerRequest request) {
        if (check != null) {
            if (!check.equals("true")) {
                throw ProblemException.badRequest("check", "must be true (check the query, read nothing) or absent");
            }
            return queries.check(caller.accountId(), caller.userId(), query.toSearchParams())
                    .map(page -> new EventPageView(List.of(), null));
        }
        LogReader reader = readers.of(identity, caller, request);
        return queries.search(caller.accountId(), caller.userId(), query.toSearchParams(), reader).map(page -> new EventPageView(
                page.events().stream().map(e -> views.toView(e, page.plan())).toList(),
                page.next() == null ? null : page.next().encode()));
    }

    @GET
    @Path("/export")
    @Produces("text/csv") // one type for the stream; NDJSON exports set their own Content-Type header
    @RolesAllowed({ Roles.ADMIN, Roles.EXPORT })
    @Operation(summary = "Stream every event matching the query, oldest first, as CSV (layout audit, content or "
            + "staff-access) or NDJSON; service clients with audit-export name the account")
    public RestMulti<Buffer> export(@BeanParam LogQueryParams query, @RestQuery String format, @RestQuery String layout,
            @RestQuery String account, @Context HttpServerResponse response, @Context HttpServerRequest request) {
        String accountId = exportCallers.account(account);
        String person = identity.hasRole(Roles.ADMIN) ? caller.userId() : null;
        LogReader reader = person == null ? null : readers.of(identity, caller, request);
        return RestMulti.fromUniResponse(exports.prepare(accountId, person, query.toSearchParams(), format, layout,
                reader),
                export -> exports.body(export).onFailure().invoke(() -> abortStarted(response)),
                EventResource::exportHeaders);
    }

    /**
     * A stream that fails after its status line went out (the database lost mid-report) must not look complete to
     * any client: HTTP/1.1 closes the connection before the final chunk, HTTP/2 resets the stream with
     * INTERNAL_ERROR. RESTEasy Reactive resets it as well, but with NO_ERROR, which a client may read as a graceful
     * end. A failure before the first byte is left to the problem mappers (a 4xx/5xx problem+json).
     */
    private static void abortStarted(HttpServerResponse response) {
        if (response.headWritten() && !response.ended()) {
            response.reset(HTTP2_INTERNAL_ERROR);
        }
    }

    private static Map<String, List<String>> exportHeaders(EventExportService.Export export) {
        boolean csv = export.format() == EventExportService.Format.CSV;
        String file = "audit-log-" + export.layout().id() + (csv ? ".csv" : ".ndjson");
        return Map.of(HttpHeaders.CONTENT_TYPE, List.of(csv ? "text/csv; charset=UTF-8" : "application/x-ndjson"),
                "Content-Disposition", List.of("attachment; filename=\"" + file + "\""));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "One event with its details")
    public Uni<EventView> get(@RestPath String id, @Context HttpServerRequest request) {
        return queries.get(caller.accountId(), id, readers.of(identity, caller, request)).map(page -> views.toView(page.events().get(0), page.plan()));
    }
}
