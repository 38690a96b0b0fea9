package io.auditlog.bench.sustained;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import io.auditlog.bench.BenchDatabase;

/**
 * Samples, every second (four times a second while draining), where each consumer of the change feed is behind its
 * head, the ingest rate, and CPU and RSS of each service process.
 *
 * <p>How positions compare (docs/architecture.md "The change feed"): a position is the (xid8, seq) of the last event
 * a consumer has seen, base64 of {@code f1:<xid8>:<seq>}, and the feed is the events in (tx_id, seq) order. Every
 * stored event after a consumer's position is one it has still to consume; none can be committed later before it
 * (the feed reads only below the oldest running transaction). So a consumer's lag in events is the count of
 * {@code audit.event} rows after its position, and its lag in seconds is the age of the oldest of them
 * ({@code recorded_at}, its transaction's start). The head is the newest committed event; lag 0 means caught up.
 * The consumers keep their positions in their own schemas: the notification-service in {@code notify.feed_position}
 * (feed {@code audit}), the analytics-service in {@code analytics.feed_position}, the audit-service's sealer in
 * {@code audit.seal_position}; each is advanced in the transaction that writes the page's effects.
 */
final class LagSampler implements AutoCloseable {

    /** The consumers, as the report and the chart name them, with the SQL that reads each one's position. */
    static final Map<String, String> CONSUMERS = new LinkedHashMap<>();

    static {
        CONSUMERS.put("notification", "SELECT position FROM notify.feed_position WHERE feed = 'audit'");
        CONSUMERS.put("analytics", "SELECT position FROM analytics.feed_position WHERE id = 1");
        CONSUMERS.put("sealer", "SELECT position FROM audit.seal_position WHERE id = 1");
    }

    /*
     * "(tx_id, seq) >= p AND NOT (= p)" rather than "> p", as the feed's own query: the planner estimates a row
     * comparison by its first column, so this form keeps to the (tx_id, seq) index instead of a scan of every row.
     */
    private static final String BEHIND = "SELECT count(*), COALESCE(extract(epoch FROM clock_timestamp() - "
            + "min(e.recorded_at)), 0) FROM audit.event e WHERE (e.tx_id, e.seq) >= ((?::text)::xid8, ?) "
            + "AND NOT (e.tx_id = (?::text)::xid8 AND e.seq = ?)";
    private static final double TICKS_PER_SECOND = 100.0;

    /** One sample: seconds since ingest started, the phase, and per consumer / per service what was measured. */
    record Sample(double t, String phase, long acknowledged, double ingestPerSecond, Map<String, Long> lagEvents,
            Map<String, Double> lagSeconds, Map<String, Double> rssMb, Map<String, Double> cpuPercent) {
    }

    private final BenchDatabase database;
    private final Map<String, Long> pids;
    private final LongSupplier acknowledged;
    private final long originNanos;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private final Map<String, Long> lastTicks = new LinkedHashMap<>();
    private volatile String phase = "ingest";
    private volatile long periodMillis = 1000;
    private volatile boolean running = true;
    private volatile String error;
    private long lastAcknowledged;
    private long lastNanos;

    LagSampler(BenchDatabase database, Map<String, Long> pids, LongSupplier acknowledged, long originNanos) {
        this.database = database;
        this.pids = pids;
        this.acknowledged = acknowledged;
        this.originNanos = originNanos;
        this.lastNanos = originNanos;
        thread = new Thread(this::run, "lag-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    void phase(String phase, long periodMillis) {
        this.phase = phase;
        this.periodMillis = periodMillis;
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    synchronized Sample latest() {
        return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }

    /** The first error that stopped sampling, or null. */
    String error() {
        return error;
    }

    private void run() {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("SET statement_timeout = '10s'");
            s.execute("SET application_name = 'bench-lag-sampler'");
            long next = System.nanoTime();
            while (running) {
                sample(c);
                next += periodMillis * 1_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                } else {
                    next = System.nanoTime(); // a slow sample: the next one a period from now, none skipped twice
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            error = e.toString();
        }
    }

    private void sample(Connection c) throws SQLException {
        long now = System.nanoTime();
        Map<String, Long> events = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (Statement s = c.createStatement()) {
            for (Map.Entry<String, String> consumer : CONSUMERS.entrySet()) {
                String position;
                try (ResultSet rs = s.executeQuery(consumer.getValue())) {
                    position = rs.next() ? rs.getString(1) : "";
                }
                String[] decoded = decode(position);
                try (PreparedStatement behind = c.prepareStatement(BEHIND)) {
                    behind.setString(1, decoded[0]);
                    behind.setLong(2, Long.parseLong(decoded[1]));
                    behind.setString(3, decoded[0]);
                    behind.setLong(4, Long.parseLong(decoded[1]));
                    try (ResultSet rs = behind.executeQuery()) {
                        rs.next();
                        events.put(consumer.getKey(), rs.getLong(1));
                        seconds.put(consumer.getKey(), rs.getLong(1) == 0 ? 0.0 : rs.getDouble(2));
                    }
                }
            }
        }
        Map<String, Double> rss = new LinkedHashMap<>();
        Map<String, Double> cpu = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        double elapsed = (now - lastNanos) / 1e9;
        pids.forEach((service, pid) -> {
            rss.put(service, rssMb(pid));
            long ticks = ticks(pid);
            Long before = lastTicks.put(service, ticks);
            cpu.put(service, before == null || elapsed <= 0 || ticks < 0 ? 0.0
                    : 100.0 * (ticks - before) / TICKS_PER_SECOND / elapsed / cores);
        });
        long acked = acknowledged.getAsLong();
        double rate = elapsed <= 0 ? 0 : (acked - lastAcknowledged) / elapsed;
        lastAcknowledged = acked;
        lastNanos = now;
        synchronized (this) {
            samples.add(new Sample((now - originNanos) / 1e9, phase, acked, rate, events, seconds, rss, cpu));
        }
    }

    /** {xid8, seq} of an encoded position; the start ("" or unreadable) is {0, 0}. */
    static String[] decode(String position) {
        if (position == null || position.isEmpty()) {
            return new String[] {"0", "0"};
        }
        String raw = new String(Base64.getUrlDecoder().decode(position), StandardCharsets.US_ASCII);
        String[] parts = raw.split(":");
        if (parts.length != 3 || !parts[0].equals("f1")) {
            throw new IllegalStateException("Not a feed position: " + position);
        }
        return new String[] {parts[1], parts[2]};
    }

    /** Resident set size in MB (VmRSS of /proc/PID/status), NaN once the process is gone. */
    static double rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            // gone, or not Linux
        }
        return Double.NaN;
    }

    /** User + system CPU ticks of the process, -1 when unknown. */
    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(15_000);
    }
}
