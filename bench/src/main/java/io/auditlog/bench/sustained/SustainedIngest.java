package io.auditlog.bench.sustained;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.bench.ApiIngestLoad;
import io.auditlog.bench.ApiIngestLoad.PreparedBatch;
import io.auditlog.bench.EventGenerator;
import io.auditlog.bench.Stats;

/**
 * Ingest at the API's full speed for as long as asked, with a bounded memory: a pool of generated events (the
 * benchmarks' {@link EventGenerator}: Zipf-sized accounts, the realistic category mix, per-account users) is
 * serialised once, and sent again round after round, each round under new event ids ({@code "evt-..."} becomes
 * {@code "r7-evt-..."}), so every event is a new one to the service. Holding five million events instead would take
 * about 10 GB; regenerating them would take CPU from the services being measured. Each of {@code clients} threads
 * posts the next batch on its own HTTP/1.1 connection until {@link #stop()}; with a {@code rate}, a batch waits until
 * the events handed out before it are due at that rate, so the load is steady rather than in bursts.
 */
final class SustainedIngest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ID_PREFIX = "\"id\":\"evt-".getBytes(StandardCharsets.US_ASCII);
    private static final int FAILURES_KEPT = 5;

    private final URI endpoint;
    private final Map<String, String> tokensByAccount;
    private final List<PreparedBatch> pool;
    private final int clients;
    private final int rate;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong scheduled = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final List<long[]> latencies = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private long startNanos;
    private long stopNanos;

    /** {@code rate}: events per second at most, 0 for as fast as the service answers. */
    SustainedIngest(URI audit, Map<String, String> tokensByAccount, List<PreparedBatch> pool, int clients, int rate) {
        this.endpoint = audit.resolve("/api/v1/events");
        this.tokensByAccount = tokensByAccount;
        this.pool = pool;
        this.clients = clients;
        this.rate = rate;
    }

    /**
     * The pool: {@code size} events over {@code accounts} that occurred over {@code spread}, in single-account
     * batches, serialised.
     */
    static List<PreparedBatch> pool(long seed, int accounts, int size, int batch, Duration spread) {
        return ApiIngestLoad.serialise(EventGenerator.forNow(seed, accounts, spread).generate(size, batch));
    }

    /** The accounts of the pool, busiest first (account 1 of the generator is the busiest). */
    static List<String> accounts(int accounts) {
        List<String> ids = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            ids.add(EventGenerator.accountId(a, accounts));
        }
        return ids;
    }

    void start() {
        startNanos = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(this::client, "sustained-ingest-" + c);
            threads.add(thread);
            thread.start();
        }
    }

    /** Stops taking new batches and waits for the requests in flight: afterwards nothing more is acknowledged. */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread thread : threads) {
            thread.join();
        }
        stopNanos = System.nanoTime();
    }

    /** Events the service answered as created so far. */
    long acknowledged() {
        return acknowledged.get();
    }

    /** Requests sent again after a 503 or a lost answer. */
    long retriedRequests() {
        return retried.get();
    }

    long failedRequests() {
        return failed.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    long requests() {
        return requests.get();
    }

    double seconds() {
        return ((stopNanos == 0 ? System.nanoTime() : stopNanos) - startNanos) / 1e9;
    }

    Stats.Summary requestMillis() {
        List<long[]> all;
        synchronized (latencies) {
            all = new ArrayList<>(latencies);
        }
        return Stats.ofNanos(all.stream().flatMapToLong(java.util.Arrays::stream).toArray());
    }

    private void client() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long[] mine = new long[1024];
        int count = 0;
        try {
            while (!stopping) {
                long i = next.getAndIncrement();
                PreparedBatch batch = pool.get((int) (i % pool.size()));
                if (rate > 0 && !awaitTurn(dueNanos(scheduled.getAndAdd(batch.events()), rate))) {
                    break;
                }
                long round = i / pool.size();
                byte[] body = round == 0 ? batch.body() : renamed(batch.body(), "r" + round + "-");
                HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofMinutes(2))
                        .header("Authorization", "Bearer " + tokensByAccount.get(batch.accountId()))
                        .header("Content-Type", "application/json").header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                long sent = System.nanoTime();
                int created = -1;
                int status = 0;
                String answer = "";
                // A 503 or a lost answer is sent again, as the API asks (the same ids are safe to send again); a
                // batch stored by an earlier attempt then answers "created": false, so it counts as all created.
                for (int attempt = 1; attempt <= 5 && created < 0; attempt++) {
                    if (attempt > 1) {
                        retried.incrementAndGet();
                        Thread.sleep(500L * attempt);
                    }
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        status = response.statusCode();
                        answer = new String(response.body(), StandardCharsets.UTF_8);
                        if (status == 201 || (attempt > 1 && status == 200)) {
                            created = attempt == 1 ? created(response.body()) : batch.events();
                        } else if (status != 503) {
                            break;
                        }
                    } catch (java.io.IOException e) {
                        answer = e.toString();
                    }
                }
                if (count == mine.length) {
                    mine = java.util.Arrays.copyOf(mine, count * 2);
                }
                mine[count++] = System.nanoTime() - sent;
                requests.incrementAndGet();
                if (created == batch.events()) {
                    acknowledged.addAndGet(created);
                } else {
                    failed.incrementAndGet();
                    if (created > 0) {
                        acknowledged.addAndGet(created);
                    }
                    if (failures.size() < FAILURES_KEPT) {
                        failures.add("batch of " + batch.accountId() + " (round " + round + "): HTTP " + status + ", "
                                + created + " of " + batch.events() + " created: "
                                + answer.substring(0, Math.min(answer.length(), 500)));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            latencies.add(java.util.Arrays.copyOf(mine, count));
        }
    }

    /** When a batch may be sent at {@code rate} events/s, after {@code eventsBefore}: nanoseconds after the start. */
    static long dueNanos(long eventsBefore, int rate) {
        return eventsBefore * 1_000_000_000L / rate;
    }

    /** Sleeps until {@code due} (after the start); false when the run is stopped meanwhile. */
    private boolean awaitTurn(long due) throws InterruptedException {
        long wait;
        while ((wait = startNanos + due - System.nanoTime()) > 0) {
            if (stopping) {
                return false;
            }
            Thread.sleep(Math.max(1, Math.min(50, wait / 1_000_000)));
        }
        return !stopping;
    }

    /** The body with every event id given {@code prefix}: only event ids start {@code "id":"evt-}. */
    static byte[] renamed(byte[] body, String prefix) {
        byte[] insert = prefix.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64 * insert.length);
        int from = 0;
        for (int i = 0; i <= body.length - ID_PREFIX.length; i++) {
            if (matches(body, i)) {
                int idStart = i + ID_PREFIX.length - 4; // before "evt-"
                out.write(body, from, idStart - from);
                out.write(insert, 0, insert.length);
                from = idStart;
                i += ID_PREFIX.length - 1;
            }
        }
        out.write(body, from, body.length - from);
        return out.toByteArray();
    }

    private static boolean matches(byte[] body, int at) {
        for (int k = 0; k < ID_PREFIX.length; k++) {
            if (body[at + k] != ID_PREFIX[k]) {
                return false;
            }
        }
        return true;
    }

    /** How many items of the response say {@code "created": true} (-1: unreadable). */
    private static int created(byte[] body) {
        try {
            int created = 0;
            for (JsonNode item : JSON.readTree(body).path("events")) {
                created += item.path("created").asBoolean(false) ? 1 : 0;
            }
            return created;
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
