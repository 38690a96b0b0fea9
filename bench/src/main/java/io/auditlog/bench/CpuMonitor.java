package io.auditlog.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who used the CPUs during each phase of the run: the benchmark itself, the services it started (the
 * audit-service, and the export-service where one runs), PostgreSQL, kernel threads (mostly the I/O the
 * workload causes), and everything else. "Everything else" (a build, tests, another benchmark) competes with the measured work and
 * skews its numbers; the report flags phases where it took a noticeable share. Linux only (/proc); elsewhere
 * it reports nothing. Every process's CPU time is sampled twice a second, so a process that starts and ends
 * between two samples is missed and one that ends loses its last half second.
 */
public final class CpuMonitor implements AutoCloseable {

    static final String BENCHMARK = "benchmark";
    static final String SERVICE = "audit-service";
    static final String POSTGRES = "postgres";
    static final String KERNEL = "kernel";
    static final String OTHER = "other";
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ, 100 on every common Linux
    private static final Path PROC = Path.of("/proc");

    private final long self = ProcessHandle.current().pid();
    /** The owners of the services' processes, by pid; the audit-service is always an owner (a column). */
    private final Map<Long, String> servicePids = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> serviceOwners = new java.util.LinkedHashSet<>(java.util.List.of(SERVICE));
    private final Map<Long, Long> ticksAtMark = new HashMap<>();
    private final Map<Long, Long> latestTicks = new HashMap<>();
    private final Map<Long, String> commands = new HashMap<>();
    private final Map<String, Map<String, Object>> phases = new LinkedHashMap<>();
    private final Thread sampler;
    private long markNanos = System.nanoTime();
    private volatile boolean running = true;

    /** One phase: wall seconds and, per owner, the share of the whole machine's CPU capacity (0..100%). */
    public record Phase(String name, double seconds, Map<String, Double> percentOfMachine) {
    }

    public CpuMonitor() {
        synchronized (this) {
            sample();
            ticksAtMark.putAll(latestTicks);
        }
        sampler = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (this) {
                    sample();
                }
            }
        }, "cpu-monitor");
        sampler.setDaemon(true);
        sampler.start();
    }

    public static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat"));
    }

    /** The audit-service runs as {@code pid}. */
    public void serviceStarted(long pid) {
        serviceStarted(SERVICE, pid);
    }

    /** A service the benchmark started runs as {@code pid}; its CPU is reported under {@code owner}. */
    public synchronized void serviceStarted(String owner, long pid) {
        serviceOwners.add(owner);
        servicePids.put(pid, owner);
    }

    /** The owners every phase reports, in order: the services, postgres, benchmark, kernel, other. */
    public synchronized java.util.List<String> owners() {
        java.util.List<String> owners = new java.util.ArrayList<>(serviceOwners);
        owners.addAll(java.util.List.of(POSTGRES, BENCHMARK, KERNEL, OTHER));
        return owners;
    }

    /** Ends the current phase under {@code name} and starts the next one. */
    public synchronized Phase mark(String name) {
        sample();
        double seconds = (System.nanoTime() - markNanos) / 1e9;
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (String owner : owners()) {
            ticks.put(owner, 0L);
        }
        for (Map.Entry<Long, Long> entry : latestTicks.entrySet()) {
            long before = ticksAtMark.getOrDefault(entry.getKey(), 0L);
            ticks.merge(ownerOf(entry.getKey(), commands.get(entry.getKey())), Math.max(0, entry.getValue() - before),
                    Long::sum);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Double> percent = new LinkedHashMap<>();
        ticks.forEach((owner, t) -> percent.put(owner, seconds <= 0 ? 0 : 100.0 * t / TICKS_PER_SECOND / seconds / cores));
        ticksAtMark.clear();
        ticksAtMark.putAll(latestTicks);
        markNanos = System.nanoTime();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seconds", seconds);
        json.put("percentOfMachine", percent);
        phases.put(name, json);
        return new Phase(name, seconds, percent);
    }

    public synchronized Map<String, Map<String, Object>> phases() {
        return new LinkedHashMap<>(phases);
    }

    private void sample() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String command = stat.substring(stat.indexOf('(') + 1, close);
                    String[] fields = stat.substring(close + 2).split(" ");
                    // After "pid (comm) ": state ppid ... utime is field 14 of stat, here index 11; stime 12.
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    latestTicks.put(pid, ticks);
                    // Kernel threads (children of kthreadd, pid 2) do the I/O the workload causes: writeback,
                    // journaling. They are not someone else's work.
                    boolean kernel = pid == 2 || "2".equals(fields[1]);
                    commands.putIfAbsent(pid, kernel ? "[kernel]" : command);
                } catch (IOException | RuntimeException gone) {
                    // the process ended between listing and reading
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to report
        }
    }

    private String ownerOf(long pid, String command) {
        if (pid == self) {
            return BENCHMARK;
        }
        String service = servicePids.get(pid);
        if (service != null) {
            return service;
        }
        if (command == null) {
            return OTHER;
        }
        if (command.startsWith("postgres")) {
            return POSTGRES;
        }
        if (command.equals("[kernel]")) {
            return KERNEL;
        }
        return OTHER;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
