package io.auditlog.bench.sustained;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.auditlog.bench.Stats;

/**
 * Analytics freshness under the load: one LOGIN event at a time into an account of its own (so its count is exact
 * whatever the load does), then the analytics summary asked every 10 ms until its login total counts it. A probe
 * runs from just before the POST to the first answer that counts the event: the ingest request under load, the
 * NOTIFY, the analytics consumer's feed read behind the load's events, the rollup commit and one dashboard request.
 * Probes follow each other, at most one per {@code every}; a probe not counted within two minutes is a failure.
 */
final class Freshness {

    /** One probe: when it started (seconds since ingest started) and how long until the dashboard counted it. */
    record Probe(double t, double seconds) {
    }

    private final Api audit;
    private final Api analytics;
    private final String ingestToken;
    private final String adminToken;
    private final Duration every;
    private final long originNanos;
    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    Freshness(Api audit, Api analytics, String ingestToken, String adminToken, Duration every, long originNanos) {
        this.audit = audit;
        this.analytics = analytics;
        this.ingestToken = ingestToken;
        this.adminToken = adminToken;
        this.every = every;
        this.originNanos = originNanos;
        thread = new Thread(this::run, "analytics-freshness");
    }

    void start() {
        thread.start();
    }

    /** Starts no probe after the one in progress. */
    void stop() {
        running = false;
    }

    /** Waits for the probe in progress to end. */
    void awaitStopped() throws InterruptedException {
        thread.join();
    }

    List<Probe> probes() {
        return List.copyOf(probes);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    Stats.Summary lag() {
        return Stats.ofNanos(probes.stream().mapToLong(p -> (long) (p.seconds() * 1e9)).toArray());
    }

    private void run() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String summary = "/api/v1/analytics/summary?from=" + today.minusDays(1) + "&to=" + today.plusDays(2);
        try {
            long expected = logins(summary);
            while (running) {
                long start = System.nanoTime();
                String event = "{\"id\":\"fresh-" + UUID.randomUUID() + "\",\"occurredAt\":\""
                        + Instant.now().truncatedTo(ChronoUnit.MILLIS) + "\",\"category\":\"LOGIN\","
                        + "\"subcategory\":\"LOGIN_SUCCEEDED\",\"action\":\"LOGIN\",\"actor\":{\"id\":\"u-fresh\","
                        + "\"type\":\"USER\"}}";
                audit.post("/api/v1/events", ingestToken, event, 201);
                expected++;
                long deadline = start + Duration.ofMinutes(2).toNanos();
                while (logins(summary) < expected) {
                    if (System.nanoTime() > deadline) {
                        failures.add("a probe was not counted within 2 minutes");
                        return;
                    }
                    Thread.sleep(10);
                }
                long end = System.nanoTime();
                probes.add(new Probe((start - originNanos) / 1e9, (end - start) / 1e9));
                long wait = start + every.toNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failures.add(e.toString());
        }
    }

    private long logins(String summary) throws Exception {
        return analytics.get(summary, adminToken).path("totals").path("logins").path("count").asLong();
    }
}
