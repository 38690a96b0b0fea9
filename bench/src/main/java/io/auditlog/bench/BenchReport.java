package io.auditlog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What every benchmark's report holds and how it is written: the run's setup, data, load averages, CPU per phase
 * and problems, filled in as the run goes; printed as text (the benchmark's own body between {@link #opening} and
 * {@link #closing}) and written as JSON (the benchmark's own findings after {@link #jsonHead()}).
 */
abstract class BenchReport {

    /** Percent of the machine that other processes may use during a timed phase before the report objects. */
    static final double OTHER_CPU_LIMIT = 10.0;

    final Map<String, Object> setup = new LinkedHashMap<>();
    final Map<String, Object> data = new LinkedHashMap<>();
    /** Load averages (1, 5, 15 min) at points of the run: other work on the machine skews the numbers. */
    final Map<String, String> load = new LinkedHashMap<>();
    /** Per phase: seconds and the share of the machine's CPU used by each owner (service, PostgreSQL, ...). */
    final Map<String, Map<String, Object>> cpu = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    final Instant started = Instant.now();
    Instant finished;

    /** The whole report as text. */
    public abstract String text();

    /** The whole report as JSON. */
    public abstract Map<String, Object> json();

    /** The title, setup, load averages and, when measured, the CPU table of the timed phases. */
    void opening(StringBuilder out, String title, Map<String, String> cpuColumns, java.util.Set<String> timedPhases) {
        RunSupport.preamble(out, title, setup, load);
        if (!cpu.isEmpty()) {
            out.append(RunSupport.cpuTable(cpu, cpuColumns, timedPhases, OTHER_CPU_LIMIT));
        }
    }

    /** The problems, if any, then the verdict line between rules. */
    void closing(StringBuilder out, String verdict) {
        if (!problems.isEmpty()) {
            out.append("\nProblems\n");
            problems.forEach(p -> out.append("  - ").append(p).append('\n'));
        }
        out.append('\n').append(RunSupport.RULE).append(verdict).append('\n').append(RunSupport.RULE);
    }

    /** The JSON report's opening keys, which every report has. */
    Map<String, Object> jsonHead() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("started", started.toString());
        root.put("finished", finished == null ? null : finished.toString());
        root.put("setup", setup);
        root.put("data", data);
        root.put("loadAverages", load);
        root.put("cpuPerPhase", cpu);
        return root;
    }

    public void writeJson(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json());
    }

    static String verdict(Boolean met) {
        return met == null ? "n/a" : met ? "MET" : "NOT MET";
    }

    static String abbreviate(String text, int max) {
        if (text == null) {
            return "null";
        }
        String flat = text.replace('\n', ' ').replace('\r', ' ');
        return flat.length() <= max ? flat : flat.substring(0, max) + "... (" + flat.length() + " chars)";
    }

    /** The line saying how the data was loaded through the API, for reports whose target is not the ingest. */
    static void dataLoad(StringBuilder out, ApiIngestLoad.Result ingest, long rowsStored) {
        if (ingest != null) {
            out.append(String.format("  %-20s %,.0f events/s: %,d events in %.1f s, %d requests, statuses %s; "
                    + "%,d rows stored (not a target here)%n", "ingest (API)", ingest.eventsPerSecond(),
                    ingest.events(), ingest.seconds(), ingest.requests(), ingest.statuses(), rowsStored));
        }
    }
}
