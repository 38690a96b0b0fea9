package io.auditlog.bench.analytics;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.auditlog.bench.Stats;

/**
 * The freshness lag: one event at a time through POST /api/v1/events, then the analytics summary asked every few
 * milliseconds until its login total shows it. The lag runs from just before the POST to the first answer that
 * counts the event, so it includes the ingest request, the NOTIFY, the feed read, the rollup commit and one
 * dashboard request.
 */
final class FreshnessProbe {

    record Result(String account, Stats.Summary lag, Stats.Summary ingest, int polls) {
    }

    private FreshnessProbe() {
    }

    static Result run(Http http, URI audit, URI analytics, String ingestToken, String adminToken, String account,
            int events) throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        URI summary = analytics.resolve("/api/v1/analytics/summary?from=" + today.minusDays(1) + "&to="
                + today.plusDays(2));
        long[] lags = new long[events];
        long[] ingests = new long[events];
        int polls = 0;
        long expected = http.get(summary, adminToken).path("totals").path("logins").path("count").asLong();
        for (int i = 0; i < events; i++) {
            String event = "{\"id\":\"fresh-" + UUID.randomUUID() + "\",\"occurredAt\":\""
                    + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"category\":\"LOGIN\","
                    + "\"subcategory\":\"LOGIN_SUCCEEDED\",\"action\":\"LOGIN\",\"actor\":{\"id\":\"u-fresh\","
                    + "\"type\":\"USER\"}}";
            long start = System.nanoTime();
            http.post(audit.resolve("/api/v1/events"), ingestToken, event);
            ingests[i] = System.nanoTime() - start;
            expected++;
            long deadline = start + 30_000_000_000L;
            while (http.get(summary, adminToken).path("totals").path("logins").path("count").asLong() < expected) {
                polls++;
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("event " + i + " not reflected after 30 s");
                }
                Thread.sleep(2);
            }
            lags[i] = System.nanoTime() - start;
        }
        return new Result(account, Stats.ofNanos(lags), Stats.ofNanos(ingests), polls);
    }
}
