package io.auditlog.notify.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.identity.TokenEndpoint;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceJar;
import io.auditlog.local.testing.FaultPostgres;

/**
 * A whole platform in child processes for fault tests: a PostgreSQL of the test's own (embedded, so it can be
 * restarted without disturbing anything else on the machine), the packaged audit-service, and notification-service
 * replicas that can be killed and started again.
 */
final class ReliabilityPlatform implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final LocalIdentity identity = LocalIdentity.generate();
    /** The service clients' token endpoint: each replica gets its client-credentials tokens here. */
    private final TokenEndpoint tokens = TokenEndpoint.start(identity, Duration.ofMinutes(5), 0);
    private final FaultPostgres postgres;
    private final PostgresEndpoint database;
    private final int smtpPort;
    private Process audit;
    final String auditUrl;

    ReliabilityPlatform(int smtpPort) throws Exception {
        this.smtpPort = smtpPort;
        this.postgres = new FaultPostgres(Path.of("target", "reliability-postgres"));
        this.database = postgres.database("auditlog");
        int auditPort = ChildProcesses.freePort();
        auditUrl = "http://localhost:" + auditPort;
        audit = start("audit-service", auditPort, Map.of(), "reliability-audit-service.log");
    }

    /** Starts a notification-service replica; answers its process once it is ready. */
    Process startNotificationService(int port, String name) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("NOTIFY_AUDIT_URL", auditUrl);
        env.putAll(tokens.clientEnvironment("notification-service"));
        // No export-service in this test: its feed is simply unavailable, which the service logs and retries.
        env.put("NOTIFY_EXPORTS_URL", "http://localhost:" + ChildProcesses.freePort());
        // A timer far away: quick delivery after a restart can only come from catching up at start or from NOTIFY.
        env.put("NOTIFY_FEED_POLL_EVERY", "120s");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(smtpPort));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        return start("notification-service", port, env, "reliability-" + name + ".log");
    }

    private Process start(String service, int port, Map<String, String> serviceEnv, String logName) {
        Map<String, String> env = ServiceEnvironment.of(
                database, identity);
        env.putAll(serviceEnv);
        return ServiceJar.start(service, port, env, Path.of("target", logName));
    }

    /** Stops PostgreSQL (fast shutdown: every connection is cut) and starts it again on the same port and data. */
    void restartPostgres() throws IOException {
        postgres.restart();
    }

    /** A connection to the platform's database (the services' schemas), for the counts the tests wait on. */
    java.sql.Connection connect() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password() == null ? "" : database.password());
    }

    String jdbcUrl(String databaseName) {
        return postgres.endpoint(databaseName).jdbcUrl();
    }

    /** Sends events to the audit-service as the account's ingest client. */
    void record(String account, List<Map<String, Object>> events) throws Exception {
        String token = identity.token("ingest", account, List.of("audit-ingest"), Duration.ofHours(1));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(auditUrl + "/api/v1/events"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("events", events))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new AssertionError("ingest answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Saves an admin's subscription at one replica. */
    void subscribe(int notificationPort, String account, String user, String email) throws Exception {
        String token = identity.token(user, account, List.of("audit-admin"), Duration.ofHours(1),
                Map.of("email", email));
        Map<String, Object> settings = Map.of("alerts", Map.of("multipleExports", false, "adminPermissionRemoved", true),
                "mail", Map.of("exportReady", true, "mentions", true), "multipleExportsThreshold", 10);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + notificationPort + "/api/v1/notification-settings"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(settings))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("settings answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** Whether the audit-service answers ready (after a PostgreSQL restart it needs a moment). */
    boolean auditReady() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(auditUrl + "/q/health/ready")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        ChildProcesses.stop(audit, Duration.ofSeconds(10));
        postgres.close();
        tokens.close();
    }
}
