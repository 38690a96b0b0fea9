package io.auditlog.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every benchmark run does around its measurements: progress lines, how busy the machine is, CPU per
 * phase and its report table, the services' ERROR lines.
 */
final class RunSupport {

    private RunSupport() {
    }

    static void step(String message) {
        System.out.printf("[%s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), message);
    }

    static void mark(CpuMonitor cpu, String phase) {
        if (cpu != null) {
            cpu.mark(phase);
        }
    }

    /**
     * Waits for the audit-service's integrity sealer (#16), which appends what an ingest stored to the accounts'
     * Merkle trees behind the ingest, to seal all of it: until then it uses the cores that the measurements after
     * the ingest would share. Says in the report's setup how long that took after the ingest ended. Gives up when
     * nothing more was sealed for 15 s (sealing off, or stopped).
     */
    static void awaitSealed(BenchReport report, BenchDatabase database, long stored) throws Exception {
        if (!database.tableExists("audit.seal_tree")) {
            return;
        }
        step(String.format("Waiting for the integrity sealer to seal the %,d events stored", stored));
        long start = System.nanoTime();
        long sealed = -1;
        long movedAt = start;
        while (true) {
            long now = database.scalar("SELECT coalesce(sum(tree_size), 0) FROM audit.seal_tree");
            if (now != sealed) {
                sealed = now;
                movedAt = System.nanoTime();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (sealed >= stored) {
                report.setup.put("sealing after ingest", String.format("all %,d events sealed %.1f s after the "
                        + "ingest ended", stored, seconds));
                step(String.format("Sealed %,d events %.1f s after the ingest ended", sealed, seconds));
                return;
            }
            if (System.nanoTime() - movedAt > java.time.Duration.ofSeconds(15).toNanos()) {
                report.setup.put("sealing after ingest", String.format("%,d of %,d events sealed, nothing more "
                        + "in 15 s (sealing off?): not waited for", sealed, stored));
                step(String.format("The sealer stands at %,d of %,d events; going on", sealed, stored));
                return;
            }
            Thread.sleep(500);
        }
    }

    /** The machine as the report's header describes it. */
    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", Java " + System.getProperty("java.version");
    }

    /** Lines of a service's log at level ERROR (JSON or plain console format). */
    static long errorLines(Path log) {
        try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("\"level\":\"ERROR\"") || l.matches("^\\S+ \\S+ ERROR .*")).count();
        } catch (Exception e) {
            return 0;
        }
    }

    /** The 1, 5 and 15 minute load averages (Linux), to tell a quiet machine from a busy one. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /**
     * Records how busy the machine was just before the run, and a problem when other work was using more than a
     * quarter of it: such work competes with the benchmark and skews its numbers.
     */
    static void noteBusyMachine(Map<String, Object> setup, List<String> problems) {
        double busy = cpuBusyPercent();
        setup.put("cpu busy before start", busy < 0 ? "unknown" : String.format("%.0f%% over 2 s", busy));
        if (busy > 25) {
            problems.add(String.format("the machine was %.0f%% busy before the run started; other work "
                    + "competes with the benchmark and skews its numbers", busy));
        }
    }

    /** How busy all CPUs were over two seconds, in percent (Linux /proc/stat); -1 when unknown. */
    static double cpuBusyPercent() {
        try {
            long[] before = cpuTimes();
            Thread.sleep(2000);
            long[] after = cpuTimes();
            double total = after[0] - before[0];
            return total <= 0 ? -1 : 100.0 * (total - (after[1] - before[1])) / total;
        } catch (Exception e) {
            return -1;
        }
    }

    /** Total and idle (idle + iowait) jiffies of all CPUs. */
    private static long[] cpuTimes() throws java.io.IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    }

    /** The problems to report for timed phases during which other processes used more than {@code limit}%. */
    static List<String> otherCpuProblems(Map<String, Map<String, Object>> phases, Set<String> timedPhases,
            double limit) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> phase : phases.entrySet()) {
            if (timedPhases.contains(phase.getKey())) {
                double other = percentOfMachine(phase.getValue()).getOrDefault(CpuMonitor.OTHER, 0.0);
                if (other > limit) {
                    problems.add(String.format("other processes used %.0f%% of the machine's CPU "
                            + "during %s: its numbers are skewed; rerun on a quiet machine", other, phase.getKey()));
                }
            }
        }
        return problems;
    }

    /**
     * The report's table of CPU use per phase: a heading naming the columns, then one line per phase with its
     * seconds and, per column (an owner of {@link CpuMonitor}, labelled), its percentage of all cores.
     */
    /** The line that frames a report. */
    static final String RULE = "=".repeat(100) + "\n";

    /** The title and the run's setup and load averages, as both reports open. */
    static void preamble(StringBuilder out, String title, Map<String, Object> setup, Map<String, String> load) {
        out.append(RULE).append(title).append('\n').append(RULE);
        setup.forEach((k, v) -> {
            if (v instanceof Map<?, ?> nested) {
                out.append(k).append('\n');
                nested.forEach((nk, nv) -> out.append(String.format("  %-20s %s%n", nk, nv)));
            } else {
                out.append(String.format("%-22s %s%n", k, v));
            }
        });
        out.append(String.format("%-22s %s%n", "load average", load.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()).reduce((a, b) -> a + "; " + b).orElse("")));
    }

    static String cpuTable(Map<String, Map<String, Object>> phases, Map<String, String> labelsByOwner,
            Set<String> timedPhases, double otherLimit) {
        StringBuilder out = new StringBuilder();
        out.append("CPU use per phase, % of all cores (").append(String.join(" / ", labelsByOwner.values()))
                .append("):\n");
        phases.forEach((phase, m) -> {
            Map<String, Double> p = percentOfMachine(m);
            StringBuilder columns = new StringBuilder();
            for (String owner : labelsByOwner.keySet()) {
                columns.append(columns.length() == 0 ? "" : " / ")
                        .append(String.format("%3.0f", p.getOrDefault(owner, 0.0)));
            }
            out.append(String.format("  %-28s %6.1f s   %s%s%n", phase, (Double) m.get("seconds"), columns,
                    timedPhases.contains(phase) && p.getOrDefault(CpuMonitor.OTHER, 0.0) > otherLimit
                            ? "   <- other work was running" : ""));
        });
        return out.toString();
    }

    /** Column labels: the owners of {@code cpu}, each labelled as itself unless {@code labels} says otherwise. */
    static Map<String, String> labels(List<String> owners, Map<String, String> labels) {
        Map<String, String> result = new LinkedHashMap<>();
        owners.forEach(owner -> result.put(owner, labels.getOrDefault(owner, owner)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> percentOfMachine(Map<String, Object> phase) {
        return (Map<String, Double>) phase.get("percentOfMachine");
    }
}
