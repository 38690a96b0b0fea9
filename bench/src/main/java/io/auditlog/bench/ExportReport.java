package io.auditlog.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The export benchmark's findings, printed as text and written as JSON. The target: a report through the
 * services (POST to COMPLETED) produces rows at least half as fast as PostgreSQL's own COPY of the same query.
 */
public final class ExportReport extends BenchReport {

    static final double TARGET = 0.5;
    static final Set<String> TIMED_PHASES = Set.of("API ingest", "service export", "download", "plain COPY");

    List<String> cpuOwners = List.of();

    int events;
    String accountId;
    Instant from;
    Instant to;
    long matchingRows = -1;
    ApiIngestLoad.Result ingest;
    long rowsStored = -1;
    ServiceExport.Job job;
    ServiceExport.Download download;
    PlainExport.Result plain;
    /** Every round's times, the first (fully checked) one included; the verdict is on their median ratio. */
    final List<Round> rounds = new ArrayList<>();

    /** One round: the same report through the services (POST to COMPLETED), then the plain COPY. */
    record Round(double serviceSeconds, double plainSeconds) {
        /** services rows/s over plain rows/s: the same rows, so the plain time over the services' time. */
        double ratio() {
            return plainSeconds / serviceSeconds;
        }
    }

    // ---------------------------------------------------------------- verdicts

    /** The report's rows per second: the N events over the seconds from the POST to COMPLETED. */
    Double serviceRowsPerSecond() {
        return job == null || !job.completed() || job.seconds() <= 0 ? null : events / job.seconds();
    }

    Double ratio() {
        Double service = serviceRowsPerSecond();
        return service == null || plain == null || plain.rowsPerSecond() <= 0 ? null
                : service / plain.rowsPerSecond();
    }

    /** The median of the rounds' ratios: one round's ratio moves with the machine's mood. */
    Double medianRatio() {
        if (rounds.isEmpty()) {
            return ratio();
        }
        double[] ratios = rounds.stream().mapToDouble(Round::ratio).sorted().toArray();
        int middle = ratios.length / 2;
        return ratios.length % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2;
    }

    /** Every check of the report passed: the job's counts, the files' headers and rows, every event once. */
    boolean exportVerified() {
        return job != null && job.completed() && job.rowsWritten() == events && job.listedRows() == events
                && download != null && download.dataRows() == events && download.distinctIds() == events
                && download.duplicateIds() == 0 && download.foreignIds() == 0
                && download.files().stream().allMatch(f -> f.headerOk() && f.problem() == null);
    }

    /** No download response carried both Content-Length and Transfer-Encoding (RFC 9112 6.2). */
    boolean downloadFramingOk() {
        return download != null && download.files().stream().allMatch(ServiceExport.FileCheck::framingOk);
    }

    Boolean targetMet() {
        Double ratio = medianRatio();
        return ratio == null ? null : ratio >= TARGET && exportVerified();
    }

    // ---------------------------------------------------------------- text

    @Override
    public String text() {
        StringBuilder out = new StringBuilder();
        opening(out, "EXPORT BENCHMARK: AUDIT-LOG CSV REPORT THROUGH THE SERVICES vs PLAIN POSTGRESQL COPY",
                RunSupport.labels(cpuOwners, Map.of()), TIMED_PHASES);

        out.append("\nData\n");
        data.forEach((k, v) -> out.append(String.format("  %-20s %s%n", k, v)));
        dataLoad(out, ingest, rowsStored);
        if (from != null) {
            out.append(String.format("  %-20s account %s, %s .. %s (89 days), %,d matching rows (SQL count)%n",
                    "report period", accountId, from, to, matchingRows));
        }

        out.append("\nThrough the services: POST /api/v1/exports {type audit-log, format csv}, then GET every ")
                .append(ServiceExport.POLL_MILLIS).append(" ms\n");
        if (job != null) {
            if (job.id() == null) {
                out.append(String.format("  NOT ACCEPTED: HTTP %d %s%n", job.postStatus(),
                        abbreviate(job.postBody(), 1000)));
            } else {
                out.append(String.format("  job %s: %s, %,d rows written in %d file(s)%s%n", job.id(), job.status(),
                        job.rowsWritten(), job.filesWritten(), job.failure() == null ? "" : "; failure: "
                                + job.failure()));
                Double rate = serviceRowsPerSecond();
                out.append(String.format("  %-30s %8.1f s %12s rows/s   (%d polls%s)%n",
                        "POST -> " + (job.completed() ? "COMPLETED" : "end (" + job.status() + ")"),
                        job.seconds(), rate == null ? "-" : String.format("%,.0f", rate), job.polls(),
                        job.pollErrors() == 0 ? "" : ", " + job.pollErrors() + " failed"));
                if (job.queuedSeconds() != null || job.workerSeconds() != null) {
                    out.append(String.format("  %-30s queued %s s (createdAt -> startedAt), worker %s s "
                            + "(startedAt -> completedAt)%n", "  the service's own times", seconds(
                                    job.queuedSeconds()), seconds(job.workerSeconds())));
                }
                for (ServiceExport.ListedFile file : job.files()) {
                    out.append(String.format("    file %d  %-58s %,11d rows %,15d bytes%n", file.number(), file.name(),
                            file.rows(), file.bytes()));
                }
                out.append(String.format("  %-30s rowsWritten %,d %s; files' rows %,d %s%n", "job counts",
                        job.rowsWritten(), check(job.rowsWritten() == events), job.listedRows(),
                        check(job.listedRows() == events)));
            }
        }
        if (download != null) {
            out.append(String.format("  %-30s %8.1f s %12.1f MB/s    %,d bytes in %d file(s), one after another%n",
                    "download", download.seconds(), download.megabytesPerSecond(), download.bytes(),
                    download.files().size()));
            for (ServiceExport.FileCheck f : download.files()) {
                out.append(String.format("    file %d  HTTP %d, %,d bytes (Content-Length %s, Transfer-Encoding %s), "
                        + "%,d data rows, header %s%s%n", f.number(), f.httpStatus(), f.bytes(),
                        f.contentLength() == null ? "none" : f.contentLength(),
                        f.transferEncoding() == null ? "none" : f.transferEncoding(), f.dataRows(),
                        f.headerOk() ? "OK" : "WRONG", f.problem() == null ? "" : "; " + f.problem()));
            }
            out.append(String.format("  %-30s %,d data rows %s; %,d distinct event ids of %,d %s; %,d duplicates, "
                    + "%,d unknown ids, %,d rows out of time order%n", "download checks", download.dataRows(),
                    check(download.dataRows() == events), download.distinctIds(), events,
                    check(download.distinctIds() == events), download.duplicateIds(), download.foreignIds(),
                    download.outOfOrder()));
        }

        out.append("\nPlain PostgreSQL: COPY (<the report query>) TO STDOUT WITH (FORMAT csv, HEADER), one session\n");
        if (plain != null) {
            out.append(String.format("  %-30s %8.1f s %12s rows/s   %,d rows, %,d bytes (discarded)%n", "COPY",
                    plain.seconds(), String.format("%,.0f", plain.rowsPerSecond()), plain.rows(), plain.bytes()));
            // The plan's nodes; their conditions (the query's WHERE) are in the JSON report.
            out.append("  plan: ").append(String.join(" / ", plain.plan().stream()
                    .filter(line -> !line.startsWith("Index Cond:") && !line.startsWith("Filter:")).toList()))
                    .append('\n');
            out.append("  SQL: ").append(plain.sql()).append('\n');
        }

        Double ratio = ratio();
        out.append("\nComparison\n");
        if (ratio != null) {
            out.append(String.format("  round 1, services / plain COPY: %,.0f / %,.0f rows/s = %.1f%%%n",
                    serviceRowsPerSecond(), plain.rowsPerSecond(), 100 * ratio));
            for (int i = 0; i < rounds.size(); i++) {
                Round round = rounds.get(i);
                out.append(String.format("  round %d: services %6.1f s, plain COPY %5.1f s, ratio %.1f%%%n", i + 1,
                        round.serviceSeconds(), round.plainSeconds(), 100 * round.ratio()));
            }
            out.append(String.format("  median ratio over %d round(s): %.1f%%   target >= %.0f%%: %s%n",
                    Math.max(1, rounds.size()), 100 * medianRatio(), 100 * TARGET, verdict(targetMet())));
        } else {
            out.append("  no ratio: ").append(job == null || !job.completed() ? "the export did not complete"
                    : "no plain COPY").append('\n');
        }
        if (job != null && plain != null) {
            long serviceBytes = download != null ? download.bytes() : job.listedBytes();
            out.append(String.format("  bytes produced: services %,d (%d file(s), a header each; %.1f MB), plain "
                    + "COPY %,d (%.1f MB; 5 more columns: account_id, seq, tx_id, recorded_at, object_item_type)%n",
                    serviceBytes, job.files().size(), serviceBytes / 1e6, plain.bytes(), plain.bytes() / 1e6));
        }
        out.append("  export verified (job counts, files' headers and rows, every event once): ")
                .append(exportVerified() ? "yes" : "NO").append('\n');
        if (download != null) {
            out.append("  download responses well-formed (not both Content-Length and Transfer-Encoding): ")
                    .append(downloadFramingOk() ? "yes" : "NO").append('\n');
        }

        closing(out, "TARGET MET (services >= 50% of plain COPY rows/s, export verified): "
                + (Boolean.TRUE.equals(targetMet()) ? "YES" : "NO"));
        return out.toString();
    }

    private static String seconds(Double value) {
        return value == null ? "?" : String.format("%.1f", value);
    }

    private static String check(boolean ok) {
        return ok ? "(= N, OK)" : "(EXPECTED N)";
    }


    // ---------------------------------------------------------------- JSON

    @Override
    public Map<String, Object> json() {
        Map<String, Object> root = jsonHead();
        root.put("events", events);
        if (ingest != null) {
            Map<String, Object> i = ingest.json();
            i.put("rowsStored", rowsStored);
            root.put("ingest", i);
        }
        Map<String, Object> period = new LinkedHashMap<>();
        period.put("accountId", accountId);
        period.put("from", from == null ? null : from.toString());
        period.put("to", to == null ? null : to.toString());
        period.put("matchingRows", matchingRows);
        root.put("reportPeriod", period);
        if (job != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("postStatus", job.postStatus());
            s.put("jobId", job.id());
            s.put("status", job.status());
            s.put("failure", job.failure());
            s.put("secondsPostToCompleted", job.seconds());
            s.put("rowsPerSecond", serviceRowsPerSecond());
            s.put("rowsWritten", job.rowsWritten());
            s.put("filesWritten", job.filesWritten());
            s.put("files", job.files());
            s.put("bytes", job.listedBytes());
            s.put("queuedSeconds", job.queuedSeconds());
            s.put("workerSeconds", job.workerSeconds());
            s.put("createdAt", job.createdAt() == null ? null : job.createdAt().toString());
            s.put("startedAt", job.startedAt() == null ? null : job.startedAt().toString());
            s.put("completedAt", job.completedAt() == null ? null : job.completedAt().toString());
            s.put("polls", job.polls());
            s.put("pollErrors", job.pollErrors());
            if (download != null) {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("seconds", download.seconds());
                d.put("bytes", download.bytes());
                d.put("megabytesPerSecond", download.megabytesPerSecond());
                d.put("dataRows", download.dataRows());
                d.put("distinctEventIds", download.distinctIds());
                d.put("duplicateEventIds", download.duplicateIds());
                d.put("unknownEventIds", download.foreignIds());
                d.put("rowsOutOfTimeOrder", download.outOfOrder());
                d.put("files", download.files());
                d.put("framingOk", downloadFramingOk());
                s.put("download", d);
            }
            s.put("verified", exportVerified());
            root.put("service", s);
        }
        if (plain != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("sql", plain.sql());
            p.put("seconds", plain.seconds());
            p.put("rows", plain.rows());
            p.put("rowsPerSecond", plain.rowsPerSecond());
            p.put("bytes", plain.bytes());
            p.put("plan", plain.plan());
            root.put("plainCopy", p);
        }
        root.put("serviceToPlain", ratio());
        root.put("rounds", rounds);
        root.put("medianServiceToPlain", medianRatio());
        root.put("target", "service rows/s (N / seconds from POST to COMPLETED) >= " + TARGET
                + " x plain COPY rows/s, with the export verified");
        root.put("targetMet", targetMet());
        root.put("problems", problems);
        return root;
    }
}
