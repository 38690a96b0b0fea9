package io.auditlog.analytics.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.analytics.domain.DashboardRange;
import io.auditlog.analytics.domain.GroupBy;
import io.auditlog.analytics.domain.Interval;
import io.auditlog.analytics.domain.Measure;
import io.auditlog.analytics.domain.SeriesFilter;
import io.auditlog.analytics.domain.Slots;
import io.auditlog.analytics.repository.RollupQueries;
import io.auditlog.analytics.rest.api.Count;
import io.auditlog.analytics.rest.api.GroupCount;
import io.auditlog.analytics.rest.api.SeriesBucket;
import io.auditlog.analytics.rest.api.SeriesView;
import io.auditlog.analytics.rest.api.SummaryDay;
import io.auditlog.analytics.rest.api.SummaryTotals;
import io.auditlog.analytics.rest.api.SummaryView;
import io.auditlog.analytics.rest.api.TopEntry;
import io.auditlog.analytics.rest.api.TopView;
import io.smallrye.mutiny.Uni;

/**
 * The Analyze tab's answers for one account, after the plan check: counts from the rollups, each with the log
 * query that lists the same events.
 */
@ApplicationScoped
public class AnalyticsService {

    private static final Comparator<GroupCount> LARGEST_FIRST = Comparator.comparingLong(GroupCount::count).reversed()
            .thenComparing(GroupCount::key);

    private final RollupQueries rollups;
    private final PlanGate plans;
    private final CatalogCheck catalog;

    AnalyticsService(RollupQueries rollups, PlanGate plans, CatalogCheck catalog) {
        this.rollups = rollups;
        this.plans = plans;
        this.catalog = catalog;
    }

    public Uni<SummaryView> summary(String accountId, String callerToken,
            DashboardRange range) {
        Slots slots = range.slots(Interval.DAY);
        return plans.requireEnterprise(accountId, callerToken).chain(() -> rollups.summary(accountId, slots))
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

    public Uni<SeriesView> series(String accountId, String callerToken, DashboardRange range, Interval interval,
            GroupBy groupBy, SeriesFilter filter) {
        Slots slots = range.slots(interval);
        return plans.requireEnterprise(accountId, callerToken)
                .chain(() -> catalog.requireKnownCodes(filter, callerToken))
                .chain(() -> rollups.series(accountId, slots, groupBy, filter))
                .map(counts -> seriesView(range, interval, groupBy, filter, slots, counts));
    }

    public Uni<TopView> topActors(String accountId, String callerToken, DashboardRange range, int limit) {
        Slots slots = range.slots(Interval.DAY);
        return plans.requireEnterprise(accountId, callerToken).chain(() -> rollups.topActors(accountId, slots, limit))
                .map(top -> new TopView("actor", range.zone().getId(), range.from(), range.to(), top.stream()
                        .map(t -> new TopEntry(t.first(), null, null, t.events(), LogLinks.events(slots.start(),
                                slots.end(), Map.of("actor", List.of(t.first())))))
                        .toList()));
    }

    public Uni<TopView> topObjects(String accountId, String callerToken, DashboardRange range, int limit) {
        Slots slots = range.slots(Interval.DAY);
        return plans.requireEnterprise(accountId, callerToken).chain(() -> rollups.topObjects(accountId, slots, limit))
                .map(top -> new TopView("object", range.zone().getId(), range.from(), range.to(), top.stream()
                        .map(t -> {
                            Map<String, List<String>> filters = LogLinks.params();
                            filters.put("objectType", List.of(t.first()));
                            filters.put("objectId", List.of(t.second()));
                            return new TopEntry(null, t.first(), t.second(), t.events(),
                                    LogLinks.events(slots.start(), slots.end(), filters));
                        }).toList()));
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
