package io.auditlog.analytics.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponses;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.analytics.api.SeriesRequest;
import io.auditlog.analytics.api.SeriesView;
import io.auditlog.analytics.api.SummaryView;
import io.auditlog.analytics.api.TopView;
import io.auditlog.analytics.service.AnalyticsService;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The Analyze tab: the caller's own account only (from the token), for its super admins, on the Enterprise plan. The
 * query parameters go to the service as sent; it checks them.
 */
@Path("/api/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
@RolesAllowed(Roles.ADMIN)
@APIResponses({
        @APIResponse(responseCode = "400", description = "A parameter is invalid; errors[].field names each one"),
        @APIResponse(responseCode = "401", description = "No valid token, or a malformed account claim"),
        @APIResponse(responseCode = "403", description = "Not a super admin of an account, or the account is not on "
                + "the Enterprise plan"),
        @APIResponse(responseCode = "503", description = "The audit-service or the database did not answer in time; "
                + "retry after Retry-After") })
public class AnalyticsResource {

    private final AnalyticsService analytics;
    private final CallerAccount caller;
    private final JsonWebToken token;

    AnalyticsResource(AnalyticsService analytics, CallerAccount caller, JsonWebToken token) {
        this.analytics = analytics;
        this.caller = caller;
        this.token = token;
    }

    @GET
    @Path("summary")
    @Operation(summary = "Daily logins, deletions, exports and reports in the caller's time zone, with totals; each "
            + "count with the log query that lists its events")
    @APIResponse(responseCode = "200", description = "The summary of the range")
    public Uni<SummaryView> summary(@RestQuery String from, @RestQuery String to, @RestQuery String tz) {
        return analytics.summary(caller.accountId(), token.getRawToken(), from, to, tz);
    }

    @GET
    @Path("series")
    @Operation(summary = "Events per local day or week broken down by category, action, login outcome or object "
            + "type, with the log's filters; each bucket and group with the log query that lists its events")
    @APIResponse(responseCode = "200", description = "The series of the range")
    public Uni<SeriesView> series(@RestQuery String groupBy, @RestQuery String from, @RestQuery String to,
            @RestQuery String tz, @RestQuery String interval, @RestQuery List<String> category,
            @RestQuery List<String> action, @RestQuery List<String> objectType, @RestQuery List<String> actor) {
        return analytics.series(caller.accountId(), token.getRawToken(),
                new SeriesRequest(groupBy, from, to, tz, interval, category, action, objectType, actor));
    }

    @GET
    @Path("top-actors")
    @Operation(summary = "The actors with the most events in the range, each with the log query of their events")
    @APIResponse(responseCode = "200", description = "The top actors, most events first")
    public Uni<TopView> topActors(@RestQuery String from, @RestQuery String to, @RestQuery String tz,
            @RestQuery String limit) {
        return analytics.topActors(caller.accountId(), token.getRawToken(), from, to, tz, limit);
    }

    @GET
    @Path("top-objects")
    @Operation(summary = "The objects (type and id) with the most events in the range, each with its log query")
    @APIResponse(responseCode = "200", description = "The top objects, most events first")
    public Uni<TopView> topObjects(@RestQuery String from, @RestQuery String to, @RestQuery String tz,
            @RestQuery String limit) {
        return analytics.topObjects(caller.accountId(), token.getRawToken(), from, to, tz, limit);
    }
}
