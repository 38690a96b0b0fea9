package io.auditlog.audit.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceJar;
import io.auditlog.local.testing.FaultPostgres;

/**
 * The packaged audit-service against a PostgreSQL of the test's own, which the test freezes (SIGSTOP), restarts and
 * crashes while clients work. Every answer is a success or a 503 with Retry-After (never a 500, never a hang past
 * the configured timeout), readiness reports DOWN in time, and every event a client was told is stored is stored
 * exactly once.
 */
class DatabaseFaultsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The service's bound on a request's database work in this test (platform.database.request-timeout). */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static final LocalIdentity IDENTITY = LocalIdentity.generate();
    private static final Path SERVICE_LOG = Path.of("target", "faults-audit-service.log");
    private static FaultPostgres postgres;
    private static PostgresEndpoint database;
    private static Process audit;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        postgres = new FaultPostgres(Path.of("target", "faults-postgres"));
        database = postgres.database("auditlog");
        Map<String, String> env = ServiceEnvironment.of(database, IDENTITY);
        env.put("PLATFORM_DATABASE_REQUEST_TIMEOUT", REQUEST_TIMEOUT.toSeconds() + "s");
        int port = ChildProcesses.freePort();
        url = "http://localhost:" + port;
        audit = ServiceJar.start("audit-service", port, env, SERVICE_LOG);
    }

    @AfterAll
    static void stop() throws Exception {
        if (audit != null) {
            ChildProcesses.stop(audit, Duration.ofSeconds(10));
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aFrozenDatabaseGivesTimely503sAndReadinessDownAndLosesNothing() throws Exception {
        String account = "acct-freeze";
        assertEquals(201, ingest(account, "before").statusCode());

        postgres.freeze();
        try {
            Instant start = Instant.now();
            HttpResponse<String> ready = get("/q/health/ready", null);
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(elapsedSince(start).compareTo(Duration.ofSeconds(5)) < 0,
                    "readiness answered after " + elapsedSince(start));
            assertEquals(200, get("/q/health/live", null).statusCode(), "liveness must not depend on the database");

            start = Instant.now();
            HttpResponse<String> during = ingest(account, "during");
            assertUnavailable(during, start);

            start = Instant.now();
            assertUnavailable(get("/api/v1/events?limit=10", admin(account)), start);
            start = Instant.now();
            assertUnavailable(get("/internal/v1/feed?limit=10", feed()), start);
        } finally {
            postgres.thaw();
        }

        awaitReady();
        // The write told 503 may have committed once the server woke: sending it again is safe either way.
        int again = ingest(account, "during").statusCode();
        assertTrue(again == 200 || again == 201, "resending the event answered " + again);
        assertEquals(Map.of("before", 1L, "during", 1L), storedCounts(account));
    }

    @Test
    void restartsAndACrashUnderLoadNeverAnswer500AndStoreEachEventOnce() throws Exception {
        String account = "acct-restart";
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> attempted = ConcurrentHashMap.newKeySet();
        ConcurrentLinkedQueue<String> wrongAnswers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            clients.add(started(() -> {
                int i = 0;
                while (running.get()) {
                    String id = "w" + writer + "-" + i;
                    attempted.add(id);
                    try {
                        HttpResponse<String> response = ingest(account, id);
                        if (response.statusCode() == 200 || response.statusCode() == 201) {
                            acknowledged.add(id);
                            i++;
                        } else if (response.statusCode() == 503) {
                            expectRetryAfter(response, wrongAnswers);
                            Thread.sleep(100);
                        } else {
                            wrongAnswers.add("ingest " + response.statusCode() + ": " + response.body());
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        wrongAnswers.add("ingest failed: " + e);
                    }
                }
            }));
        }
        clients.add(started(() -> {
            while (running.get()) {
                for (String[] call : new String[][] { { "/api/v1/events?limit=50", admin(account) },
                        { "/internal/v1/feed?limit=100", feed() } }) {
                    try {
                        HttpResponse<String> response = get(call[0], call[1]);
                        if (response.statusCode() == 503) {
                            expectRetryAfter(response, wrongAnswers);
                        } else if (response.statusCode() != 200) {
                            wrongAnswers.add(call[0] + " " + response.statusCode() + ": " + response.body());
                        }
                    } catch (Exception e) {
                        wrongAnswers.add(call[0] + " failed: " + e);
                    }
                }
            }
        }));

        Thread.sleep(1500);
        postgres.restart();
        Thread.sleep(1500);
        postgres.restart();
        Thread.sleep(1500);
        postgres.crashAndRestart();
        Thread.sleep(3000);
        running.set(false);
        for (Thread client : clients) {
            client.join(30_000);
        }

        assertEquals(List.of(), List.copyOf(wrongAnswers), DatabaseFaultsIT::unexpectedFailuresLogged);
        assertTrue(acknowledged.size() > 20, "too little was written to show anything: " + acknowledged.size());
        Map<String, Long> stored = storedCounts(account);
        assertTrue(stored.values().stream().allMatch(n -> n == 1), "stored more than once: " + stored);
        assertTrue(stored.keySet().containsAll(acknowledged), "acknowledged but lost: "
                + acknowledged.stream().filter(id -> !stored.containsKey(id)).toList());
        assertTrue(attempted.containsAll(stored.keySet()), "stored but never sent");
    }

    /** The service's own account of its 500s (stack traces included), so that a failure in CI says its cause. */
    private static String unexpectedFailuresLogged() {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(SERVICE_LOG);
            StringBuilder out = new StringBuilder("the service logged:\n");
            int shown = 0;
            for (int i = 0; i < lines.size() && shown < 3; i++) {
                if (lines.get(i).contains("Unexpected failure")) {
                    lines.subList(i, Math.min(lines.size(), i + 40)).forEach(line -> out.append(line).append('\n'));
                    shown++;
                }
            }
            return out.toString();
        } catch (java.io.IOException e) {
            return "the service log could not be read: " + e;
        }
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work);
        thread.start();
        return thread;
    }

    private static void assertUnavailable(HttpResponse<String> response, Instant start) {
        Duration took = elapsedSince(start);
        assertEquals(503, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers().firstValue("Retry-After").isPresent(), "no Retry-After");
        assertTrue(took.compareTo(REQUEST_TIMEOUT.plusSeconds(3)) < 0, "answered after " + took);
    }

    private static void expectRetryAfter(HttpResponse<String> response, ConcurrentLinkedQueue<String> wrong) {
        if (response.headers().firstValue("Retry-After").isEmpty()) {
            wrong.add("503 without Retry-After: " + response.body());
        }
    }

    private static Duration elapsedSince(Instant start) {
        return Duration.between(start, Instant.now());
    }

    private static void awaitReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            if (get("/q/health/ready", null).statusCode() == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the audit-service did not become ready again");
    }

    /** Each of the account's stored event ids with how often it is stored, read from the database itself. */
    /**
     * The account's ingested events by id. The admin's searches are recorded too (AUDIT_LOG SEARCHED events, with ids
     * of the service's own), and are left out: the test counts what its writers sent.
     */
    private static Map<String, Long> storedCounts(String account) throws Exception {
        Map<String, Long> counts = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "postgres", "")) {
            var query = c.prepareStatement("SELECT event_id, count(*) FROM audit.event WHERE account_id = ?"
                    + " AND category <> 'AUDIT_LOG' GROUP BY event_id");
            query.setString(1, account);
            ResultSet rows = query.executeQuery();
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
        }
        return counts;
    }

    private static HttpResponse<String> ingest(String account, String id) throws Exception {
        Map<String, Object> event = Map.of("id", id, "occurredAt",
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), "category", "LOGIN", "action", "LOGIN",
                "subcategory", "LOGIN_SUCCEEDED");
        String token = IDENTITY.token("ingest", account, List.of("audit-ingest"), Duration.ofHours(1));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/events")).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(event))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String admin(String account) {
        return IDENTITY.token("admin", account, List.of("audit-admin"), Duration.ofHours(1));
    }

    private static String feed() {
        return IDENTITY.token("feed", null, List.of("audit-feed"), Duration.ofHours(1));
    }
}
