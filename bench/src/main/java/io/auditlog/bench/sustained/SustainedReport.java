package io.auditlog.bench.sustained;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.auditlog.bench.Stats;

/**
 * What one run measured, and its report: {@code report.md} (read by people, and gathered into docs/benchmarks.md by
 * bench/run-all.sh), {@code report.json}, and {@code samples.csv} (every sample, for other charts). The targets
 * are judged here; not meeting one is reported, not a failure of the run. Failures are the exactly-once checks and
 * ingest requests that were refused.
 */
final class SustainedReport {

    static final double FRESHNESS_P99_TARGET_S = 5;
    static final double ALERT_P99_TARGET_S = 1;
    static final double DRAIN_TARGET_S = 10;
    static final double RSS_TARGET_MB = 512;

    final Map<String, Object> setup = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    List<LagSampler.Sample> samples = List.of();
    double ingestStoppedAt;
    long eventsAcknowledged;
    long requests;
    long failedRequests;
    long retriedRequests;
    double ingestSeconds;
    Stats.Summary requestMillis;
    final Map<String, LagVerdict> lag = new LinkedHashMap<>();
    final Map<String, Double> drainSeconds = new LinkedHashMap<>();
    int alertsSent;
    Stats.Summary alertMillis;
    Stats.Summary freshnessMillis;
    String export = "not run";
    final Map<String, double[]> rssMaxAndCpuMean = new LinkedHashMap<>();
    String cpuPhases = "";
    ExactlyOnce exactlyOnce;
    double feedReadSeconds;
    final Map<String, Boolean> targets = new LinkedHashMap<>();

    /** Judges the targets from what was measured; call before {@link #markdown()}. */
    void judge() {
        lag.values().forEach(v -> targets.put("lag bounded while ingesting: " + v.consumer(), v.bounded()));
        targets.put("analytics freshness p99 < 5 s", freshnessMillis != null && freshnessMillis.count() > 0
                && freshnessMillis.p99() < FRESHNESS_P99_TARGET_S * 1000);
        targets.put("alert mail p99 < 1 s", alertMillis != null && alertMillis.count() > 0
                && alertMillis.p99() < ALERT_P99_TARGET_S * 1000);
        drainSeconds.forEach((c, s) -> targets.put("drain < 10 s: " + c, s >= 0 && s < DRAIN_TARGET_S));
        rssMaxAndCpuMean.forEach((service, v) -> targets.put("RSS < 512 MB: " + service, v[0] < RSS_TARGET_MB));
    }

    boolean checksOk() {
        return exactlyOnce != null && exactlyOnce.allOk() && failedRequests == 0;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Sustained load: all four services, ingest at full speed\n\n");
        setup.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("\n## Verdict\n\n| target | met |\n|---|---|\n");
        targets.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v ? "yes" : "**NO**").append(" |\n"));
        md.append(String.format("| exactly-once checks (%d) and every ingest request accepted | %s |%n",
                exactlyOnce == null ? 0 : exactlyOnce.checks().size(), checksOk() ? "yes" : "**NO**"));

        md.append("\n## Ingest\n\n");
        md.append(String.format("%,d events acknowledged in %.1f s: %,.0f events/s over the whole ingest; %,d requests,"
                + " %d sent again after a 503 or a lost answer, %d refused; request p50 %.0f ms, p99 %.0f ms, "
                + "max %.0f ms.%n", eventsAcknowledged, ingestSeconds, eventsAcknowledged / Math.max(ingestSeconds,
                        1e-9), requests, retriedRequests, failedRequests, requestMillis.p50(), requestMillis.p99(),
                requestMillis.max()));

        md.append("\n## Consumers behind the feed's head (sampled every second while ingesting)\n\n");
        md.append("| consumer | max events | mean events | p99 s | max s | mean s, 2nd quarter | mean s, last quarter"
                + " | trend s/s | trend events/s | bounded | drain after ingest stops |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (LagVerdict v : lag.values()) {
            double drain = drainSeconds.getOrDefault(v.consumer(), -1.0);
            md.append(String.format("| %s | %,d | %,.0f | %.1f | %.1f | %.1f | %.1f | %+.3f | %+,.0f | %s | %s |%n",
                    v.consumer(), v.maxEvents(), v.meanEvents(), v.p99Seconds(), v.maxSeconds(),
                    v.secondQuarterSeconds(), v.lastQuarterSeconds(), v.slopeSecondsPerSecond(),
                    v.slopeEventsPerSecond(), v.bounded() ? "yes" : "**grows**",
                    drain < 0 ? "**not drained**" : String.format("%.1f s", drain)));
        }
        md.append("\n![lag over time](lag.png)\n");

        md.append("\n## Latencies under the load\n\n| what | n | p50 | p90 | p99 | max |\n|---|---|---|---|---|---|\n");
        row(md, "ingest -> alert mail at the SMTP server", alertMillis);
        row(md, "ingest -> analytics dashboard counting it", freshnessMillis);
        md.append("\nAlert events sent: ").append(alertsSent).append(". Export mid-way: ").append(export).append("\n");

        md.append("\n## Processes\n\n| service | max RSS | mean CPU while ingesting (% of all cores) |\n");
        md.append("|---|---|---|\n");
        rssMaxAndCpuMean.forEach((s, v) -> md.append(String.format("| %s | %.0f MB | %.0f%% |%n", s, v[0], v[1])));
        md.append("\n```\n").append(cpuPhases).append("```\n");

        md.append("\n## Exactly once\n\n");
        md.append(String.format("The feed read from position zero took %.1f s.%n%n", feedReadSeconds));
        md.append("| check | expected | actual | ok |\n|---|---|---|---|\n");
        if (exactlyOnce != null) {
            for (ExactlyOnce.Check c : exactlyOnce.checks()) {
                md.append(String.format("| %s | %,d | %,d | %s |%n", c.name(), c.expected(), c.actual(),
                        c.ok() ? "yes" : "**NO** " + c.detail()));
            }
        }
        md.append("\n## Problems\n\n");
        if (problems.isEmpty()) {
            md.append("None.\n");
        }
        problems.forEach(p -> md.append("- ").append(p).append('\n'));
        return md.toString();
    }

    private static void row(StringBuilder md, String what, Stats.Summary s) {
        if (s == null || s.count() == 0) {
            md.append("| ").append(what).append(" | 0 | | | | |\n");
            return;
        }
        md.append(String.format("| %s | %d | %.0f ms | %.0f ms | %.0f ms | %.0f ms |%n", what, s.count(), s.p50(),
                s.p90(), s.p99(), s.max()));
    }

    void write(Path out) throws Exception {
        Files.writeString(out.resolve("report.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("setup", setup);
        json.put("targets", targets);
        json.put("checksOk", checksOk());
        json.put("ingest", Map.of("events", eventsAcknowledged, "seconds", ingestSeconds, "requests", requests,
                "failedRequests", failedRequests, "retriedRequests", retriedRequests, "requestMillis", requestMillis));
        json.put("lag", lag.values().stream().map(LagVerdict::json).toList());
        json.put("drainSeconds", drainSeconds);
        json.put("alertMailMillis", alertMillis);
        json.put("alertsSent", alertsSent);
        json.put("freshnessMillis", freshnessMillis);
        json.put("export", export);
        json.put("rssMaxMbAndCpuMeanPercent", rssMaxAndCpuMean);
        json.put("exactlyOnce", exactlyOnce == null ? List.of() : exactlyOnce.json());
        json.put("feedReadSeconds", feedReadSeconds);
        json.put("problems", problems);
        Files.writeString(out.resolve("report.json"), Api.JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(json));
        Files.writeString(out.resolve("samples.csv"), csv());
    }

    private String csv() {
        StringBuilder csv = new StringBuilder("t,phase,acknowledged,ingestPerSecond");
        LagSampler.CONSUMERS.keySet().forEach(c -> csv.append(',').append(c).append("Events,").append(c)
                .append("Seconds"));
        if (!samples.isEmpty()) {
            samples.get(0).rssMb().keySet().forEach(s -> csv.append(',').append(s).append("RssMb,").append(s)
                    .append("CpuPercent"));
        }
        csv.append('\n');
        for (LagSampler.Sample s : samples) {
            csv.append(String.format("%.3f,%s,%d,%.0f", s.t(), s.phase(), s.acknowledged(), s.ingestPerSecond()));
            LagSampler.CONSUMERS.keySet().forEach(c -> csv.append(String.format(",%d,%.3f",
                    s.lagEvents().getOrDefault(c, 0L), s.lagSeconds().getOrDefault(c, 0.0))));
            s.rssMb().forEach((k, v) -> csv.append(String.format(",%.1f,%.1f", v, s.cpuPercent().getOrDefault(k,
                    0.0))));
            csv.append('\n');
        }
        return csv.toString();
    }
}
