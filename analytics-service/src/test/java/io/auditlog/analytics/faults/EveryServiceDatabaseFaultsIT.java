package io.auditlog.analytics.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.identity.TokenEndpoint;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceJar;
import io.auditlog.local.testing.FaultPostgres;

/**
 * All four packaged services on one PostgreSQL of the test's own, which the test freezes and restarts. Every service
 * must report DOWN on readiness within a few seconds (and stay live), answer its API with a 503 and Retry-After in
 * bounded time rather than hang, answer nothing but 200 or 503 while the server restarts, and be ready again after.
 * (The audit-service's own fault test also checks that nothing written is lost or doubled.)
 */
class EveryServiceDatabaseFaultsIT {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final LocalIdentity IDENTITY = LocalIdentity.generate();
    private static final String ACCOUNT = "acct-faults";

    private static FaultPostgres postgres;
    private static TokenEndpoint tokens;
    private static final List<Process> processes = new ArrayList<>();
    /** Each service's base URL and one API path of it that reads the database. */
    private static final Map<String, String[]> services = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        postgres = new FaultPostgres(Path.of("target", "faults-postgres"));
        PostgresEndpoint database = postgres.database("auditlog");
        String audit = start("audit-service", database, Map.of());
        tokens = TokenEndpoint.start(IDENTITY, Duration.ofMinutes(5), 0);
        Map<String, String> exportEnv = new HashMap<>(tokens.clientEnvironment("export-service"));
        exportEnv.put("EXPORT_AUDIT_URL", audit);
        String export = start("export-service", database, exportEnv);
        Map<String, String> notificationEnv = new HashMap<>(tokens.clientEnvironment("notification-service"));
        notificationEnv.putAll(Map.of("NOTIFY_AUDIT_URL", audit, "NOTIFY_EXPORTS_URL", export,
                "QUARKUS_MAILER_HOST", "127.0.0.1", "QUARKUS_MAILER_PORT", String.valueOf(ChildProcesses.freePort())));
        String notification = start("notification-service", database, notificationEnv);
        Map<String, String> analyticsEnv = new HashMap<>(tokens.clientEnvironment("analytics-service"));
        analyticsEnv.put("ANALYTICS_AUDIT_URL", audit);
        String analytics = start("analytics-service", database, analyticsEnv);
        services.put("audit-service", new String[] { audit, "/api/v1/events?limit=5" });
        services.put("export-service", new String[] { export, "/api/v1/exports" });
        services.put("notification-service", new String[] { notification, "/api/v1/notifications" });
        services.put("analytics-service", new String[] { analytics, "/api/v1/analytics/top-actors" });
    }

    private static String start(String service, PostgresEndpoint database, Map<String, String> extra) {
        Map<String, String> env = ServiceEnvironment.of(database, IDENTITY);
        env.put("PLATFORM_DATABASE_REQUEST_TIMEOUT", REQUEST_TIMEOUT.toSeconds() + "s");
        env.putAll(extra);
        int port = ChildProcesses.freePort();
        processes.add(ServiceJar.start(service, port, env, Path.of("target", "faults-" + service + ".log")));
        return "http://localhost:" + port;
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = processes.size() - 1; i >= 0; i--) {
            ChildProcesses.stop(processes.get(i), Duration.ofSeconds(10));
        }
        if (tokens != null) {
            tokens.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aFrozenDatabaseTakesEveryServiceOutOfRotationAndNoRequestHangs() throws Exception {
        for (Map.Entry<String, String[]> service : services.entrySet()) {
            assertEquals(200, get(service.getValue()[0] + service.getValue()[1]).statusCode(), service.getKey());
        }
        postgres.freeze();
        try {
            for (Map.Entry<String, String[]> service : services.entrySet()) {
                String name = service.getKey();
                String url = service.getValue()[0];
                Instant start = Instant.now();
                HttpResponse<String> ready = get(url + "/q/health/ready");
                assertEquals(503, ready.statusCode(), name + ": " + ready.body());
                assertFasterThan(Duration.ofSeconds(5), start, name + " readiness");
                assertEquals(200, get(url + "/q/health/live").statusCode(), name + " liveness");

                start = Instant.now();
                HttpResponse<String> api = get(url + service.getValue()[1]);
                assertEquals(503, api.statusCode(), name + ": " + api.body());
                assertEquals("application/problem+json", api.headers().firstValue("Content-Type").orElse(""), name);
                assertTrue(api.headers().firstValue("Retry-After").isPresent(), name + ": no Retry-After");
                assertFasterThan(REQUEST_TIMEOUT.plusSeconds(3), start, name + " API");
            }
        } finally {
            postgres.thaw();
        }
        awaitEveryServiceReady();
    }

    @Test
    void whilePostgresRestartsEveryServiceAnswers200Or503() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            Thread restart = new Thread(() -> {
                try {
                    postgres.restart();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            restart.start();
            while (restart.isAlive()) {
                pollEveryService(wrong);
            }
            for (int i = 0; i < 10; i++) {
                pollEveryService(wrong); // the services meet the restarted server's "starting up" and cut sessions
            }
        }
        assertEquals(List.of(), wrong);
        awaitEveryServiceReady();
    }

    private static void pollEveryService(List<String> wrong) throws Exception {
        for (Map.Entry<String, String[]> service : services.entrySet()) {
            HttpResponse<String> response = get(service.getValue()[0] + service.getValue()[1]);
            if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
                wrong.add(service.getKey() + ": 503 without Retry-After");
            } else if (response.statusCode() != 200 && response.statusCode() != 503) {
                wrong.add(service.getKey() + ": " + response.statusCode() + " " + response.body());
            }
        }
    }

    private static void awaitEveryServiceReady() throws Exception {
        for (Map.Entry<String, String[]> service : services.entrySet()) {
            Instant deadline = Instant.now().plusSeconds(30);
            while (get(service.getValue()[0] + "/q/health/ready").statusCode() != 200) {
                assertTrue(Instant.now().isBefore(deadline), service.getKey() + " did not become ready again");
                Thread.sleep(200);
            }
        }
    }

    private static void assertFasterThan(Duration limit, Instant start, String what) {
        Duration took = Duration.between(start, Instant.now());
        assertTrue(took.compareTo(limit) < 0, what + " answered after " + took);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        String token = IDENTITY.token("admin", ACCOUNT, List.of("audit-admin"), Duration.ofHours(1),
                Map.of("email", "admin@example.com"));
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
