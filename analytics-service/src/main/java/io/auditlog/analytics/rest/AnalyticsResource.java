package io.auditlog.analytics.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.analytics.domain.DashboardRange;
import io.auditlog.analytics.domain.GroupBy;
import io.auditlog.analytics.domain.Interval;
import io.auditlog.analytics.domain.SeriesFilter;
import io.auditlog.analytics.rest.api.SeriesView;
import io.auditlog.analytics.rest.api.SummaryView;
import io.auditlog.analytics.rest.api.TopView;
import io.auditlog.analytics.service.AnalyticsService;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

/** The Analyze tab: the caller's own account only, for its super admins, on the Enterprise plan. */
@Path("/api/v1/analytics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Analytics")
@RolesAllowed(Roles.ADMIN)
public class AnalyticsResource {

    private final AnalyticsService analytics;
    private final DashboardParams params;
    private final CallerAccount caller;
    private final JsonWebToken token;

    AnalyticsResource(AnalyticsService analytics, DashboardParams params, CallerAccount caller, JsonWebToken token) {
        this.analytics = analytics;
        this.params = params;
        this.caller = caller;
        this.token = token;
    }

    @GET
    @Path("summary")
    @Operation(summary = "Daily logins, deletions, exports and reports in the caller's time zone, with totals; each "
            + "count with the log query that lists its events")
    public Uni<SummaryView> summary(@RestQuery String from, @RestQuery String to, @RestQuery String tz) {
        String account = caller.accountId();
        List<FieldProblem> problems = DashboardParams.problems();
        DashboardRange range = params.range(tz, from, to, problems);
        DashboardParams.check(problems);
        return analytics.summary(account, token.getRawToken(), range);
    }

    @GET
    @Path("series")
    @Operation(summary = "Events per local day or week broken down by category, action, login outcome or object "
            + "type, with the log's filters; each bucket and group with the log query that lists its events")
    public Uni<SeriesView> series(@RestQuery String groupBy, @RestQuery String from, @RestQuery String to,
            @RestQuery String tz, @RestQuery String interval, @RestQuery List<String> category,
            @RestQuery List<String> action, @RestQuery List<String> objectType, @RestQuery List<String> actor) {
        String account = caller.accountId();
        List<FieldProblem> problems = DashboardParams.problems();
        GroupBy by = params.groupBy(groupBy, problems);
        DashboardRange range = params.range(tz, from, to, problems);
        Interval length = params.interval(interval, problems);
        SeriesFilter filter = params.filter(by, category, action, objectType, actor, problems);
        DashboardParams.check(problems);
        return analytics.series(account, token.getRawToken(), range, length, by, filter);
    }

    @GET
    @Path("top-actors")
    @Operation(summary = "The actors with the most events in the range, each with the log query of their events")
    public Uni<TopView> topActors(@RestQuery String from, @RestQuery String to, @RestQuery String tz,
            @RestQuery String limit) {
        String account = caller.accountId();
        List<FieldProblem> problems = DashboardParams.problems();
        DashboardRange range = params.range(tz, from, to, problems);
        int size = params.limit(limit, problems);
        DashboardParams.check(problems);
        return analytics.topActors(account, token.getRawToken(), range, size);
    }

    @GET
    @Path("top-objects")
    @Operation(summary = "The objects (type and id) with the most events in the range, each with its log query")
    public Uni<TopView> topObjects(@RestQuery String from, @RestQuery String to, @RestQuery String tz,
            @RestQuery String limit) {
        String account = caller.accountId();
        List<FieldProblem> problems = DashboardParams.problems();
        DashboardRange range = params.range(tz, from, to, problems);
        int size = params.limit(limit, problems);
        DashboardParams.check(problems);
        return analytics.topObjects(account, token.getRawToken(), range, size);
    }
}
