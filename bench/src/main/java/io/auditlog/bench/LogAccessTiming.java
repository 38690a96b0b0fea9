package io.auditlog.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.auditlog.local.identity.LocalIdentity;

/**
 * What recording people's reads of the log (AUDIT_LOG events, docs/architecture.md "Who looked at the log") costs
 * the first page of the typical query, with person tokens: the same query against two audit-service processes on
 * the same database and data, one with audit.log-access.enabled=false (before) and one with recording on (after).
 * The series are interleaved request by request, in a new random order each round, so that all see the same
 * load on the shared machine and each follows every other equally often:
 * <ul>
 * <li>off, one person repeating the query: nothing is written;</li>
 * <li>off, a new person each request: nothing is recorded, but the person's first call writes their sighting
 * (PeopleRecorder: the super admins a comment can mention), recording or not;</li>
 * <li>on, a new person each request: the sighting and the SEARCHED event (the most a search can cost);</li>
 * <li>on, one person repeating: the record is found within the window and nothing is written (coalesced).</li>
 * </ul>
 * Each "on" series is held against the "off" series of the same people, so that the ratio is what recording
 * costs and not what a person's first call costs anyway. Target: the p99 with recording on within 10% of the p99
 * with it off, for both. The first call's own cost (new person over repeating person, recording off) is
 * reported for information.
 */
public final class LogAccessTiming {

    static final double TARGET_RATIO = 1.10;
    private static final long ORDER_SEED = 20261203;
    static final String OFF_REPEATING = "off, one person repeating";
    static final String OFF_NEW = "off, a new person each request";
    static final String ON_NEW = "on, a new person each request";
    static final String ON_REPEATING = "on, one person repeating";

    private final URI recordingOn;
    private final URI recordingOff;
    private final LocalIdentity identity;
    private final String accountId;
    private final String query;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public LogAccessTiming(URI recordingOn, URI recordingOff, LocalIdentity identity, String accountId,
            String category, Instant from, Instant to, int limit) {
        this.recordingOn = recordingOn;
        this.recordingOff = recordingOff;
        this.identity = identity;
        this.accountId = accountId;
        this.query = "category=" + encode(category) + "&from=" + encode(from.toString()) + "&to="
                + encode(to.toString()) + "&limit=" + limit;
    }

    /** One series: its latencies and the AUDIT_LOG events the run wrote for it. */
    public record Series(String name, Stats.Summary millis) {
    }

    public record Result(List<Series> series, long recordsWritten, long recordsExpected, List<String> problems) {

        Series named(String prefix) {
            return series.stream().filter(s -> s.name().startsWith(prefix)).findFirst().orElse(null);
        }

        /** p99 with recording on (every request writing) over p99 with it off, a new person each request in both. */
        double ratioWriting() {
            return named(ON_NEW).millis().p99() / named(OFF_NEW).millis().p99();
        }

        /** p99 with recording on over p99 with it off, one person repeating in both (nothing written). */
        double ratioCoalesced() {
            return named(ON_REPEATING).millis().p99() / named(OFF_REPEATING).millis().p99();
        }

        /** For information: a person's first call (their sighting written) over a repeating person's, recording off. */
        double ratioFirstCall() {
            return named(OFF_NEW).millis().p99() / named(OFF_REPEATING).millis().p99();
        }

        boolean targetMet() {
            return problems.isEmpty() && ratioWriting() <= TARGET_RATIO && ratioCoalesced() <= TARGET_RATIO;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            List<Object> list = new ArrayList<>();
            for (Series s : series) {
                list.add(Map.of("name", s.name(), "millis", s.millis()));
            }
            m.put("series", list);
            m.put("p99OnWritingToOff", ratioWriting());
            m.put("p99OnCoalescedToOff", ratioCoalesced());
            m.put("p99FirstCallToRepeatingOff", ratioFirstCall());
            m.put("recordsWritten", recordsWritten);
            m.put("recordsExpected", recordsExpected);
            m.put("target", "p99 with recording on <= " + TARGET_RATIO + " x p99 with recording off");
            m.put("targetMet", targetMet());
            m.put("problems", problems);
            return m;
        }
    }

    public Result run(BenchDatabase database, int warmup, int repetitions) throws Exception {
        List<String> problems = new ArrayList<>();
        String repeater = identity.token("bench-reader", accountId, List.of("audit-admin"), Duration.ofHours(2));
        List<String> newPeopleOn = newPeople("bench-reader-", warmup + repetitions);
        List<String> newPeopleOff = newPeople("bench-reader-off-", warmup + repetitions);
        long before = database.count(records());
        long[] offRepeating = new long[repetitions];
        long[] offNew = new long[repetitions];
        long[] onNew = new long[repetitions];
        long[] onRepeating = new long[repetitions];
        // Each round times the four in a new order: in a fixed order a series always follows the same one, and a
        // request that follows one to the other process starts colder (about 0.4 ms at the p50 here) than one that
        // follows its own process, which would be charged to recording or to not recording.
        Random order = new Random(ORDER_SEED);
        List<Integer> series = new ArrayList<>(List.of(0, 1, 2, 3));
        long[] round = new long[4];
        for (int i = 0; i < warmup + repetitions; i++) {
            Collections.shuffle(series, order);
            for (int s : series) {
                round[s] = switch (s) {
                    case 0 -> time(recordingOff, repeater, problems);
                    case 1 -> time(recordingOff, newPeopleOff.get(i), problems);
                    case 2 -> time(recordingOn, newPeopleOn.get(i), problems);
                    default -> time(recordingOn, repeater, problems);
                };
            }
            if (i >= warmup) {
                offRepeating[i - warmup] = round[0];
                offNew[i - warmup] = round[1];
                onNew[i - warmup] = round[2];
                onRepeating[i - warmup] = round[3];
            }
            if (problems.size() > 10) {
                break;
            }
        }
        long written = database.count(records())
                - before;
        // One event per new person, and at most one for the repeating person (none if an earlier timing of the same
        // query by the same person is still within the window).
        long expected = warmup + repetitions;
        if (written < expected || written > expected + 1) {
            problems.add("the timed searches wrote " + written + " AUDIT_LOG events, expected " + expected
                    + " (one per new person) or one more");
        }
        return new Result(List.of(new Series(OFF_REPEATING + " (nothing written)", Stats.ofNanos(offRepeating)),
                new Series(OFF_NEW + " (sighting written)", Stats.ofNanos(offNew)),
                new Series(ON_NEW + " (sighting and event written)", Stats.ofNanos(onNew)),
                new Series(ON_REPEATING + " (coalesced)", Stats.ofNanos(onRepeating))), written, expected,
                problems);
    }

    private List<String> newPeople(String prefix, int count) {
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(identity.token(prefix + i, accountId, List.of("audit-admin"), Duration.ofHours(2)));
        }
        return tokens;
    }

    /** The account's AUDIT_LOG events (the account id is the generator's, no quoting needed). */
    private String records() {
        return "audit.event WHERE account_id = '" + accountId + "' AND category = 'AUDIT_LOG'";
    }

    private long time(URI base, String token, List<String> problems) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/events?" + query))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build();
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long nanos = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                problems.add(base + ": HTTP " + response.statusCode() + " "
                        + BenchReport.abbreviate(new String(response.body(), StandardCharsets.UTF_8), 300));
            }
            return nanos;
        } catch (IOException e) {
            problems.add(base + ": " + e);
            return System.nanoTime() - start;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
