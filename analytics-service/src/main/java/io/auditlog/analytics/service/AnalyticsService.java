package io.auditlog.analytics.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.analytics.api.Count;
import io.auditlog.analytics.api.GroupCount;
import io.auditlog.analytics.api.SeriesBucket;
import io.auditlog.analytics.api.SeriesRequest;
import io.auditlog.analytics.api.SeriesView;
import io.auditlog.analytics.api.SummaryDay;
import io.auditlog.analytics.api.SummaryTotals;
import io.auditlog.analytics.api.SummaryView;
import io.auditlog.analytics.api.TopEntry;
import io.auditlog.analytics.api.TopView;
import io.auditlog.analytics.domain.DashboardRange;
import io.auditlog.analytics.domain.GroupBy;
import io.auditlog.analytics.domain.Interval;
import io.auditlog.analytics.domain.Measure;
import io.auditlog.analytics.domain.SeriesFilter;
import io.auditlog.analytics.domain.Slots;
import io.auditlog.analytics.repository.RollupQueries;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.problem.FieldProblem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The Analyze tab's answers for one account: the raw query parameters checked (a 400 listing every problem), then the
 * plan, then counts from the rollups, each with the log query that lists the same events.
 */
@ApplicationScoped
public class AnalyticsService {

    private static final Comparator<GroupCount> LARGEST_FIRST = Comparator.comparingLong(GroupCount::count).reversed()
            .thenComparing(GroupCount::key);

    private final RollupQueries rollups;
    private final PlanGate plans;
    private final CatalogCheck catalog;
    private final DashboardParameters parameters;
    private final ViewRecords views;
    private final Pool pool;
    private final DatabaseCalls calls;

    AnalyticsService(RollupQueries rollups, PlanGate plans, CatalogCheck catalog, DashboardParameters parameters,
            ViewRecords views, Pool pool, DatabaseCalls calls) {
        this.views = views;
        this.pool = pool;
        this.calls = calls;
        this.rollups = rollups;
        this.plans = plans;
        this.catalog = catalog;
        this.parameters = parameters;
    }

    /** Per local day of the range: logins, deletions, exports and reports, and their totals. */
    public Uni<SummaryView> summary(String accountId, String callerToken, String from, String to, String tz) {
        List<FieldProblem> problems = DashboardParameters.problems();
        DashboardRange range = parameters.range(tz, from, to, problems);
        DashboardParameters.check(problems);
        Slots slots = range.slots(Interval.DAY);
        return plans.requireEnterprise(accountId, callerToken).chain(() -> ViewRecords.with(
                read(tx -> rollups.summary(tx, accountId, slots)), views.viewed(callerToken, "summary",
                        ViewRecords.params("from", from, "to", to, "tz", tz))))
                .map(counts -> {
                    List<SummaryDay> days = new ArrayList<>();
                    Map<Measure, Long> totals = new HashMap<>();
                    for (int i = 0; i < slots.size(); i++) {
                        Map<Measure, Long> day = counts.get(i);
                        day.forEach((measure, n) -> totals.merge(measure, n, Long::sum));
                        days.add(new SummaryDay(slots.dates().get(i), slots.startOf(i), slots.endOf(i),
                                count(day, Measure.LOGINS, slots, i), count(day, Measure.DELETIONS, slots, i),
                                count(day, Measure.EXPORTS, slots, i), count(day, Measure.REPORTS, slots, i)));
                    }
                    return new SummaryView(range.zone().getId(), range.from(),
                            range.to(), days, new SummaryTotals(total(totals, Measure.LOGINS, slots),
                                    total(totals, Measure.DELETIONS, slots), total(totals, Measure.EXPORTS, slots),
                                    total(totals, Measure.REPORTS, slots)));
                });
    }

    /** Events per local day or week broken down by {@code groupBy}, within the log's filters. */
    public Uni<SeriesView> series(String accountId, String callerToken, SeriesRequest request) {
        List<FieldProblem> problems = DashboardParameters.problems();
        GroupBy groupBy = parameters.groupBy(request.groupBy(), problems);
        DashboardRange range = parameters.range(request.tz(), request.from(), request.to(), problems);
        Interval interval = parameters.interval(request.interval(), problems);
        SeriesFilter filter = parameters.filter(groupBy, request.category(), request.action(), request.objectType(),
                request.actor(), problems);
        DashboardParameters.check(problems);
        Slots slots = range.slots(interval);
        return plans.requireEnterprise(accountId, callerToken)
                .chain(() -> catalog.requireKnownCodes(filter, callerToken))
                .chain(() -> ViewRecords.with(read(tx -> rollups.series(tx, accountId, slots, groupBy, filter)),
                        views.viewed(callerToken, "series", ViewRecords.params("groupBy", request.groupBy(),
                                "from", request.from(), "to", request.to(), "tz", request.tz(), "interval",
                                request.interval(), "category", request.category(), "action", request.action(),
                                "objectType", request.objectType(), "actor", request.actor()))))
                .map(counts -> seriesView(range, interval, groupBy, filter, slots, counts));
    }

    /** The actors with the most events in the range. */
    public Uni<TopView> topActors(String accountId, String callerToken, String from, String to, String tz,
            String limit) {
        List<FieldProblem> problems = DashboardParameters.problems();
        DashboardRange range = parameters.range(tz, from, to, problems);
        int size = parameters.limit(limit, problems);
        DashboardParameters.check(problems);
        Slots slots = range.slots(Interval.DAY);
        return plans.requireEnterprise(accountId, callerToken).chain(() -> ViewRecords.with(
                read(tx -> rollups.topActors(tx, accountId, slots, size)), views.viewed(callerToken, "top-actors",
                        ViewRecords.params("from", from, "to", to, "tz", tz, "limit", limit))))
                .map(top -> new TopView("actor", range.zone().getId(), range.from(), range.to(), top.stream()
                        .map(t -> new TopEntry(t.first(), null, null, t.events(), LogLinks.events(slots.start(),
                                slots.end(), Map.of("actor", List.of(t.first())))))
                        .toList()));
    }

    /** The objects (type and id) with the most events in the range. */
    public Uni<TopView> topObjects(String accountId, String callerToken, String from, String to, String tz,
            String limit) {
        List<FieldProblem> problems = DashboardParameters.problems();
        DashboardRange range = parameters.range(tz, from, to, problems);
        int size = parameters.limit(limit, problems);
        DashboardParameters.check(problems);
        Slots slots = range.slots(Interval.DAY);
        return plans.requireEnterprise(accountId, callerToken).chain(() -> ViewRecords.with(
                read(tx -> rollups.topObjects(tx, accountId, slots, size)), views.viewed(callerToken, "top-objects",
                        ViewRecords.params("from", from, "to", to, "tz", tz, "limit", limit))))
                .map(top -> new TopView("object", range.zone().getId(), range.from(), range.to(), top.stream()
                        .map(t -> {
                            Map<String, List<String>> filters = LogLinks.params();
                            filters.put("objectType", List.of(t.first()));
                            filters.put("objectId", List.of(t.second()));
                            return new TopEntry(null, t.first(), t.second(), t.events(),
                                    LogLinks.events(slots.start(), slots.end(), filters));
                        }).toList()));
    }

    /**
     * A rollup query in a transaction of its own (RollupQueries plans each for its values within it); it serves a
     * dashboard request and is bounded in time: a database that does not answer gives a 503.
     */
    private <T> Uni<T> read(Function<SqlConnection, Uni<T>> query) {
        return calls.bounded(pool.withTransaction(query::apply));
    }

    private static Count count(Map<Measure, Long> counts, Measure measure, Slots slots, int slot) {
        return new Count(counts.get(measure), LogLinks.events(slots.startOf(slot), slots.endOf(slot),
                Map.of(measure.parameter(), measure.codes())));
    }

    private static Count total(Map<Measure, Long> totals, Measure measure, Slots slots) {
        return new Count(totals.getOrDefault(measure, 0L), LogLinks.events(slots.start(), slots.end(),
                Map.of(measure.parameter(), measure.codes())));
    }

    private static SeriesView seriesView(DashboardRange range, Interval interval, GroupBy groupBy,
            SeriesFilter filter, Slots slots, List<RollupQueries.SlotCount> counts) {
        Map<String, List<String>> base = baseFilters(groupBy, filter);
        List<List<RollupQueries.SlotCount>> bySlot = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            bySlot.add(new ArrayList<>());
        }
        Map<String, Long> totals = new LinkedHashMap<>();
        for (RollupQueries.SlotCount count : counts) {
            bySlot.get(count.slot()).add(count);
            totals.merge(count.key(), count.events(), Long::sum);
        }
        List<String> keys = totals.keySet().stream().sorted().toList();
        List<SeriesBucket> buckets = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            long bucketTotal = 0;
            List<GroupCount> groups = new ArrayList<>();
            for (RollupQueries.SlotCount count : bySlot.get(i)) {
                bucketTotal += count.events();
                groups.add(new GroupCount(count.key(), count.events(), LogLinks.events(slots.startOf(i),
                        slots.endOf(i), groupFilters(base, groupBy, count.key()))));
            }
            groups.sort(LARGEST_FIRST);
            buckets.add(new SeriesBucket(slots.dates().get(i), slots.startOf(i), slots.endOf(i), bucketTotal,
                    bucketQuery(base, groupBy, filter, keys, slots.startOf(i), slots.endOf(i)), groups));
        }
        List<GroupCount> groupTotals = new ArrayList<>();
        totals.forEach((key, n) -> groupTotals.add(new GroupCount(key, n,
                LogLinks.events(slots.start(), slots.end(), groupFilters(base, groupBy, key)))));
        groupTotals.sort(LARGEST_FIRST);
        return new SeriesView(groupBy.id(), interval.name().toLowerCase(), range.zone().getId(), range.from(),
                range.to(), base, buckets, groupTotals);
    }

    /** The log filters every count of the series shares: the caller's, plus what the breakdown implies. */
    private static Map<String, List<String>> baseFilters(GroupBy groupBy, SeriesFilter filter) {
        Map<String, List<String>> base = LogLinks.params();
        if (groupBy == GroupBy.LOGIN_OUTCOME) {
            base.put("category", List.of("LOGIN"));
            base.put("subcategory", GroupBy.LOGIN_OUTCOMES);
        } else if (!filter.categories().isEmpty()) {
            base.put("category", filter.categories());
        }
        if (!filter.actions().isEmpty()) {
            base.put("action", filter.actions());
        }
        if (!filter.objectTypes().isEmpty()) {
            base.put("objectType", filter.objectTypes());
        }
        if (filter.actor() != null) {
            base.put("actor", List.of(filter.actor()));
        }
        return base;
    }

    /** One group's filters: the shared ones with the breakdown's parameter narrowed to the group's value. */
    private static Map<String, List<String>> groupFilters(Map<String, List<String>> base, GroupBy groupBy,
            String key) {
        Map<String, List<String>> filters = new LinkedHashMap<>(base);
        filters.put(groupBy.parameter(), List.of(key));
        return filters;
    }

    /**
     * A bucket's query. The object-type chart counts only events that name an object type, which the log can
     * only express by listing the types: those seen in the range (the others have no events to list). With no
     * type seen at all there is nothing to list, and no query.
     */
    private static String bucketQuery(Map<String, List<String>> base, GroupBy groupBy, SeriesFilter filter,
            List<String> keys, Instant from, Instant to) {
        if (groupBy != GroupBy.OBJECT_TYPE || !filter.objectTypes().isEmpty()) {
            return LogLinks.events(from, to, base);
        }
        if (keys.isEmpty()) {
            return null;
        }
        Map<String, List<String>> filters = new LinkedHashMap<>(base);
        filters.put("objectType", keys);
        return LogLinks.events(from, to, filters);
    }
}
