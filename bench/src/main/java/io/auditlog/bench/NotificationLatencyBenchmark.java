package io.auditlog.bench;

import static io.auditlog.bench.RunSupport.step;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.identity.TokenEndpoint;
import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceProcess;

/**
 * Time from the ingest of an "admin permission removed" event (the POST to the audit-service) to its alert mail
 * arriving at a real SMTP server, through the real audit-service and notification-service, one event at a time.
 * The baseline, measured in the same run, is plain PostgreSQL's own doorbell: an INSERT and NOTIFY committed on
 * one connection until a LISTENing connection receives the notification.
 */
public final class NotificationLatencyBenchmark {

    private static final String ACCOUNT = "acct-bench-notify";
    private static final String ADMIN_EMAIL = "admin@bench-notify.example";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SCRIPT = "bench/run-notification-latency.sh";
    private static final Map<String, String> HELP = new LinkedHashMap<>();

    static {
        HELP.put("events", "alert-worthy events measured, one at a time (default 200)");
        HELP.put("warmup", "events sent first, not measured (default 20)");
        HELP.put("database", "PostgreSQL database (schemas audit and notify are dropped; default auditlog_bench_notify)");
        HELP.put("out", "directory for the report and the services' logs (default bench/target)");
    }

    private NotificationLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parseOrExit(() -> Options.parse(args, HELP), Options.usage(SCRIPT, HELP));
        int events = options.integer("events", 200);
        int warmup = options.integer("warmup", 20);
        String databaseName = options.text("database", "auditlog_bench_notify");
        Path out = options.out();
        Files.createDirectories(out);
        Path root = Options.projectRoot();

        step("Finding PostgreSQL and dropping schemas audit and notify in " + databaseName);
        PostgresEndpoint endpoint = LocalPostgres.database(databaseName);
        BenchDatabase database = new BenchDatabase(endpoint);
        database.dropSchemas(List.of("audit", "notify"));

        int smtpPort = ChildProcesses.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        LocalIdentity identity = LocalIdentity.generate();
        Map<String, String> common = ServiceEnvironment.of(endpoint, identity);
        int auditPort = ChildProcesses.freePort();
        int notifyPort = ChildProcesses.freePort();
        Map<String, String> notifyEnv = new LinkedHashMap<>(common);
        notifyEnv.put("NOTIFY_AUDIT_URL", "http://127.0.0.1:" + auditPort);
        // The notification-service's client-credentials tokens, from a local token endpoint (daemon threads).
        notifyEnv.putAll(TokenEndpoint.start(identity, Duration.ofMinutes(5), 0)
                .clientEnvironment("notification-service"));
        notifyEnv.put("NOTIFY_EXPORTS_URL", "http://127.0.0.1:" + ChildProcesses.freePort());
        notifyEnv.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        notifyEnv.put("QUARKUS_MAILER_PORT", String.valueOf(smtpPort));
        notifyEnv.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        try (ServiceProcess audit = ServiceProcess.jar("audit-service",
                root.resolve("audit-service/target/quarkus-app/quarkus-run.jar")).port(auditPort).environment(common)
                .log(out.resolve("notify-bench-audit-service.log")).directory(root).stopOnExit().start();
                ServiceProcess notify = ServiceProcess.jar("notification-service",
                        root.resolve("notification-service/target/quarkus-app/quarkus-run.jar")).port(notifyPort)
                        .environment(notifyEnv).log(out.resolve("notify-bench-notification-service.log"))
                        .directory(root).stopOnExit().start()) {
            audit.awaitReady(Duration.ofSeconds(120));
            notify.awaitReady(Duration.ofSeconds(120));
            step("Both services ready; subscribing " + ADMIN_EMAIL + " to the admin-permission-removed alert");
            String admin = identity.token("bench-admin", ACCOUNT, List.of("audit-admin"), Duration.ofHours(2),
                    Map.of("email", ADMIN_EMAIL));
            send(HttpRequest.newBuilder(URI.create(notify.baseUri() + "/api/v1/notification-settings"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .PUT(body(Map.of("alerts", Map.of("multipleExports", false, "adminPermissionRemoved", true),
                            "mail", Map.of("exportReady", true, "mentions", true), "multipleExportsThreshold", 10))),
                    200);
            String ingest = identity.token("bench-ingest", ACCOUNT, List.of("audit-ingest"), Duration.ofHours(2));

            step("Warm-up: " + warmup + " events");
            measure(audit.baseUri(), ingest, smtp, "warmup", warmup);
            step("Measuring: " + events + " events, one at a time, each until its mail has arrived");
            long[] service = measure(audit.baseUri(), ingest, smtp, "measured", events);
            step("Baseline: plain PostgreSQL INSERT + NOTIFY until a LISTEN connection receives it, " + events
                    + " times");
            long[] plain = plainNotify(endpoint, events);

            Stats.Summary s = Stats.ofNanos(service);
            Stats.Summary p = Stats.ofNanos(plain);
            String report = String.format("""
                    %s
                    Notification latency: ingest of an admin-permission-removed event -> alert mail at SMTP
                    %s
                    machine                %s
                    load average           %s
                    events                 %d measured after %d warm-up, one at a time
                    service (ms)           p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  mean %.1f
                    plain NOTIFY (ms)      p50 %.2f  p90 %.2f  p99 %.2f  max %.2f
                    ratio p50 / p99        %.0fx / %.0fx the plain PostgreSQL doorbell
                    target                 p99 < 2000 ms: %s
                    %s""", RunSupport.RULE.trim(), RunSupport.RULE.trim(), RunSupport.machine(),
                    RunSupport.loadAverage(), events, warmup, s.p50(), s.p90(), s.p99(), s.max(), s.mean(), p.p50(),
                    p.p90(), p.p99(), p.max(), s.p50() / p.p50(), s.p99() / p.p99(),
                    s.p99() < 2000 ? "MET" : "NOT MET", RunSupport.RULE.trim());
            System.out.println(report);
            Files.writeString(out.resolve("notification-latency.txt"), report);
        } finally {
            smtp.stop();
        }
    }

    /** Ingests events one at a time; answers, per event, the nanoseconds until its mail had arrived. */
    private static long[] measure(URI audit, String ingestToken, GreenMail smtp, String phase, int count)
            throws Exception {
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            int before = smtp.getReceivedMessages().length;
            Map<String, Object> event = Map.of("id", phase + "-" + i + "-" + System.nanoTime(),
                    "occurredAt", Instant.now().toString(), "category", "USER_MANAGEMENT",
                    "action", "ADMIN_PERMISSION_REMOVED", "actor", Map.of("id", "u-boss", "name", "Bo Boss"),
                    "object", Map.of("type", "USER", "id", "u-" + i, "name", "Ex Admin " + i));
            long start = System.nanoTime();
            send(HttpRequest.newBuilder(URI.create(audit + "/api/v1/events"))
                    .header("Authorization", "Bearer " + ingestToken).header("Content-Type", "application/json")
                    .POST(body(event)), 201);
            long deadline = start + Duration.ofSeconds(30).toNanos();
            while (smtp.getReceivedMessages().length == before) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no mail within 30 s for " + event.get("id"));
                }
                Thread.sleep(0, 200_000);
            }
            latencies[i] = System.nanoTime() - start;
            Thread.sleep(20);
        }
        return latencies;
    }

    private static long[] plainNotify(PostgresEndpoint endpoint, int count) throws Exception {
        long[] latencies = new long[count];
        try (Connection writer = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(),
                endpoint.password());
                Connection listener = DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.username(),
                        endpoint.password());
                Statement w = writer.createStatement(); Statement l = listener.createStatement()) {
            w.execute("CREATE TEMP TABLE doorbell_rows (id bigint, at timestamptz)");
            l.execute("LISTEN bench_doorbell");
            writer.setAutoCommit(false);
            PGConnection pg = listener.unwrap(PGConnection.class);
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                w.execute("INSERT INTO doorbell_rows VALUES (" + i + ", now())");
                w.execute("NOTIFY bench_doorbell");
                writer.commit();
                PGNotification[] received;
                do {
                    received = pg.getNotifications(10_000);
                } while (received == null || received.length == 0);
                latencies[i] = System.nanoTime() - start;
            }
        }
        return latencies;
    }

    private static void send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.build().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static HttpRequest.BodyPublisher body(Object value) throws Exception {
        return HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(value));
    }
}
