package io.auditlog.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The feed benchmark's findings, printed as text and written as JSON. The target (issue 17): one consumer reads the
 * feed through the service at {@link FeedBenchmark#TARGET_EVENTS_PER_SECOND} or more (median over the rounds); the
 * ratio to the plain JDBC read of the same rows in the same round says how much of that the machine allows.
 */
public final class FeedReport extends BenchReport {

    static final Set<String> TIMED_PHASES = Set.of("reads (service and plain, page by page)");

    List<String> cpuOwners = List.of();
    int events;
    int limit;
    ApiIngestLoad.Result ingest;
    long rowsStored = -1;
    final List<Round> rounds = new ArrayList<>();

    /** One round: the whole feed through the service, and the same rows by plain JDBC. */
    record Round(FeedReads.Read service, FeedReads.Read plain) {
        double ratio() {
            return service.eventsPerSecond() / plain.eventsPerSecond();
        }
    }

    Double median(ToDoubleFunction<Round> value) {
        if (rounds.isEmpty()) {
            return null;
        }
        double[] values = rounds.stream().mapToDouble(value).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private String spread(ToDoubleFunction<Round> value, String format) {
        double[] values = rounds.stream().mapToDouble(value).sorted().toArray();
        return values.length == 0 ? "-" : String.format(format + " .. " + format, values[0], values[values.length - 1]);
    }

    Boolean targetMet() {
        Double service = median(r -> r.service().eventsPerSecond());
        return service == null ? null : service >= FeedBenchmark.TARGET_EVENTS_PER_SECOND && problems.isEmpty();
    }

    @Override
    public String text() {
        StringBuilder out = new StringBuilder();
        opening(out, "FEED BENCHMARK: ONE CONSUMER READING THE CHANGE FEED THROUGH THE SERVICE vs PLAIN JDBC",
                RunSupport.labels(cpuOwners, Map.of()), TIMED_PHASES);
        out.append("\nData\n");
        data.forEach((k, v) -> out.append(String.format("  %-20s %s%n", k, v)));
        dataLoad(out, ingest, rowsStored);
        out.append("\nRounds: the whole feed from its start, page by page in step: GET /internal/v1/feed?limit=")
                .append(limit).append(" (one HTTP/1.1 connection, the body parsed), and the same page by JDBC ")
                .append("(the same statement, every column read); each side's time is the sum of its pages'\n");
        for (int i = 0; i < rounds.size(); i++) {
            Round r = rounds.get(i);
            out.append(String.format("  round %d: service %,9.0f events/s (%5.1f s, %,d pages, %.0f bytes/event)   "
                    + "plain %,9.0f events/s (%5.1f s)   service / plain %5.1f%%%n", i + 1,
                    r.service().eventsPerSecond(), r.service().seconds(), r.service().pages(),
                    (double) r.service().bytes() / Math.max(1, r.service().events()), r.plain().eventsPerSecond(),
                    r.plain().seconds(), 100 * r.ratio()));
        }
        if (!rounds.isEmpty()) {
            out.append(String.format("  median: service %,.0f events/s (%s), plain %,.0f events/s (%s), "
                    + "ratio %.1f%% (%s)%n", median(r -> r.service().eventsPerSecond()),
                    spread(r -> r.service().eventsPerSecond(), "%,.0f"), median(r -> r.plain().eventsPerSecond()),
                    spread(r -> r.plain().eventsPerSecond(), "%,.0f"), 100 * median(Round::ratio),
                    spread(r -> 100 * r.ratio(), "%.1f%%")));
        }
        closing(out, String.format("TARGET MET (service median >= %,.0f events/s, every event once in both reads): %s",
                FeedBenchmark.TARGET_EVENTS_PER_SECOND, Boolean.TRUE.equals(targetMet()) ? "YES" : "NO"));
        return out.toString();
    }

    @Override
    public Map<String, Object> json() {
        Map<String, Object> root = jsonHead();
        root.put("events", events);
        root.put("pageLimit", limit);
        if (ingest != null) {
            Map<String, Object> i = ingest.json();
            i.put("rowsStored", rowsStored);
            root.put("ingest", i);
        }
        List<Map<String, Object>> list = new ArrayList<>();
        for (Round r : rounds) {
            Map<String, Object> round = new LinkedHashMap<>();
            round.put("service", r.service());
            round.put("serviceEventsPerSecond", r.service().eventsPerSecond());
            round.put("plain", r.plain());
            round.put("plainEventsPerSecond", r.plain().eventsPerSecond());
            round.put("serviceToPlain", r.ratio());
            list.add(round);
        }
        root.put("rounds", list);
        root.put("medianServiceEventsPerSecond", median(r -> r.service().eventsPerSecond()));
        root.put("medianPlainEventsPerSecond", median(r -> r.plain().eventsPerSecond()));
        root.put("medianServiceToPlain", median(Round::ratio));
        root.put("serviceEventsPerSecondSorted", Arrays.toString(rounds.stream()
                .mapToDouble(r -> r.service().eventsPerSecond()).sorted().toArray()));
        root.put("target", "service events/s (median of the rounds) >= " + FeedBenchmark.TARGET_EVENTS_PER_SECOND);
        root.put("targetMet", targetMet());
        root.put("problems", problems);
        return root;
    }
}
