package io.auditlog.local.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.identity.TokenEndpoint;
import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;

/**
 * Runs the whole platform on one machine: PostgreSQL (found or embedded), a local token issuer, every built
 * service as a child process, and a seeded demo account. Ctrl-C stops everything it started.
 *
 * <pre>
 * java -jar platform-local/target/platform-local.jar run            # start everything
 * java -jar platform-local/target/platform-local.jar token ROLE [ACCOUNT]   # print a fresh token
 * </pre>
 */
public final class Launcher {

    static final String DEMO_ACCOUNT = "demo";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);
    /** How long the service clients' tokens from the local token endpoint live. */
    private static final Duration SERVICE_TOKEN_LIFETIME = Duration.ofMinutes(5);

    private final Path root = Path.of("").toAbsolutePath();
    private final Path state = root.resolve(".local");
    private final List<ServiceProcess> running = new ArrayList<>();
    private MailSink mail;

    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() < 17) {
            fail("Java 17 or newer is needed; this is Java " + Runtime.version());
        }
        String command = args.length == 0 ? "run" : args[0];
        Launcher launcher = new Launcher();
        switch (command) {
            case "run" -> launcher.run();
            case "token" -> launcher.printToken(args);
            default -> fail("Unknown command " + command + ". Use: run | token ROLE [ACCOUNT]");
        }
    }

    private void run() throws Exception {
        List<PlatformService> services = PlatformService.built(root);
        if (services.isEmpty()) {
            fail("No service is built. Build first: ./mvnw -DskipTests package");
        }
        for (PlatformService service : services) {
            ensureFree(service.port(), service.name());
        }
        ensureFree(MailSink.SMTP_PORT, "mail sink SMTP");
        ensureFree(MailSink.API_PORT, "mail sink API");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "platform-stop"));
        step("PostgreSQL");
        Map<String, String> environment = databaseEnvironment();
        environment.putAll(startMailSink());
        LocalIdentity identity = LocalIdentity.inDirectory(state.resolve("identity"));
        environment.put("QUARKUS_OIDC_PUBLIC_KEY", identity.publicKey());
        environment.put("QUARKUS_OIDC_TOKEN_ISSUER", LocalIdentity.ISSUER);
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        Map<String, Map<String, String>> clients = serviceClients(identity);

        for (PlatformService service : services) {
            Map<String, String> serviceEnvironment = new HashMap<>(environment);
            serviceEnvironment.putAll(clients.getOrDefault(service.name(), Map.of()));
            start(service, serviceEnvironment);
        }
        Tokens tokens = Tokens.write(identity, state.resolve("tokens"), TOKEN_LIFETIME);
        step("Seeding demo account \"" + DEMO_ACCOUNT + "\"");
        int created = DemoData.seed(services.get(0).url(), tokens.ingest(), 600);
        System.out.println("  " + created + " new demo events (" + (600 - created) + " were already there)");
        printWelcome(services, tokens);
        awaitStop();
    }

    /**
     * How the services reach each other, per service: URLs, and its client at a local OAuth 2.0 token endpoint
     * (QUARKUS_OIDC_CLIENT_*: the client-credentials grant, as with an identity provider in production). Its tokens
     * live 5 minutes, as Keycloak's do by default, so a local run renews them as production does.
     */
    private static Map<String, Map<String, String>> serviceClients(LocalIdentity identity) {
        TokenEndpoint tokens = TokenEndpoint.start(identity, SERVICE_TOKEN_LIFETIME, 0);
        Map<String, String> export = new HashMap<>(tokens.clientEnvironment("export-service"));
        export.put("EXPORT_AUDIT_URL", "http://localhost:8081");
        Map<String, String> notification = new HashMap<>(tokens.clientEnvironment("notification-service"));
        notification.put("NOTIFY_AUDIT_URL", "http://localhost:8081");
        notification.put("NOTIFY_EXPORTS_URL", "http://localhost:8082");
        Map<String, String> analytics = new HashMap<>(tokens.clientEnvironment("analytics-service"));
        analytics.put("ANALYTICS_AUDIT_URL", "http://localhost:8081");
        return Map.of("export-service", export, "notification-service", notification, "analytics-service", analytics);
    }

    private Map<String, String> databaseEnvironment() {
        Map<String, String> env = new HashMap<>();
        if (System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL") != null) {
            System.out.println("  using QUARKUS_DATASOURCE_REACTIVE_URL from the environment");
            return env;
        }
        PostgresEndpoint db = LocalPostgres.database("auditlog");
        System.out.println("  " + (LocalPostgres.isEmbedded() ? "embedded PostgreSQL started at " : "using ")
                + db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        return env;
    }

    private Map<String, String> startMailSink() throws Exception {
        step("Mail sink (SMTP on port " + MailSink.SMTP_PORT + ")");
        mail = new MailSink(launcherDirectory(), state.resolve("logs"));
        if (!mail.available()) {
            fail("The mail sink is not built. Build first: ./mvnw -DskipTests package");
        }
        mail.start();
        if (!mail.awaitReady(Duration.ofSeconds(30))) {
            fail("The mail sink did not start; see " + root.relativize(mail.log()));
        }
        System.out.println("  ready; read mails at " + mail.apiUrl());
        return mail.environment();
    }

    private static Path launcherDirectory() throws Exception {
        return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    private void start(PlatformService service, Map<String, String> environment) throws Exception {
        step("Starting " + service.name() + " on port " + service.port());
        ServiceProcess process = new ServiceProcess(service, state.resolve("logs"));
        process.start(environment);
        running.add(process);
        long started = System.nanoTime();
        if (!process.awaitReady(START_TIMEOUT)) {
            fail(service.name() + " did not become ready within " + START_TIMEOUT.toSeconds() + "s; see "
                    + root.relativize(process.log()));
        }
        System.out.printf("  ready in %.1fs (log: %s)%n", (System.nanoTime() - started) / 1e9, root.relativize(process.log()));
    }

    private void printWelcome(List<PlatformService> services, Tokens tokens) {
        String audit = services.get(0).url();
        System.out.println();
        System.out.println("The audit platform is running. Ctrl-C stops it.");
        for (PlatformService service : services) {
            System.out.printf("  %-22s %s  (OpenAPI: %s/q/openapi, health: %s/q/health)%n", service.name(),
                    service.url(), service.url(), service.url());
        }
        System.out.println("  mail sink              SMTP localhost:" + MailSink.SMTP_PORT + "; mails received by a person: "
                + mail.apiUrl() + "/api/user/EMAIL/messages/");
        System.out.println();
        System.out.println("Tokens (valid " + TOKEN_LIFETIME.toHours() + "h) are in " + root.relativize(tokens.directory())
                + "; a fresh one: ./platform token audit-admin [ACCOUNT]");
        System.out.println("  demo super admin:   " + root.relativize(tokens.directory().resolve("demo-admin.jwt")));
        System.out.println("  demo ingest client: " + root.relativize(tokens.directory().resolve("demo-ingest.jwt")));
        System.out.println();
        System.out.println("Try:");
        System.out.println("  curl -s -H \"Authorization: Bearer $(cat .local/tokens/demo-admin.jwt)\" '" + audit
                + "/api/v1/events?view=login-history&limit=5'");
    }

    private void printToken(String[] args) {
        if (args.length < 2) {
            fail("Usage: token ROLE[,ROLE...] [ACCOUNT|-]   (roles: audit-admin, audit-ingest, audit-feed, "
                    + "audit-export, platform-operator; - for no account)");
        }
        List<String> roles = List.of(args[1].split(","));
        boolean service = roles.stream().anyMatch(List.of("audit-feed", "audit-export", "platform-operator")::contains);
        String account = args.length > 2 ? ("-".equals(args[2]) ? null : args[2]) : (service ? null : DEMO_ACCOUNT);
        LocalIdentity identity = LocalIdentity.inDirectory(state.resolve("identity"));
        System.out.println(identity.token(String.join("+", roles) + "-" + (account == null ? "service" : account),
                account, roles, TOKEN_LIFETIME));
    }

    private static void ensureFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("0.0.0.0", port));
        } catch (IOException e) {
            fail("Port " + port + " (" + what + ") is taken. Is the platform already running? "
                    + "Stop whatever listens there (e.g. `ss -ltnp | grep " + port + "`) and try again.");
        }
    }

    private void awaitStop() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        while (stopped.getCount() > 0) {
            if (mail != null && !mail.isAlive()) {
                fail("The mail sink stopped unexpectedly; see " + root.relativize(mail.log()));
            }
            for (ServiceProcess process : running) {
                if (!process.isAlive()) {
                    fail(process.service().name() + " stopped unexpectedly; see " + root.relativize(process.log()));
                }
            }
            Thread.sleep(1000);
        }
    }

    private synchronized void stopAll() {
        if (running.isEmpty() && mail == null) {
            return;
        }
        System.out.println();
        System.out.println("Stopping " + running.size() + " service(s) and the mail sink...");
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).stop();
        }
        running.clear();
        if (mail != null) {
            mail.stop();
            mail = null;
        }
        System.out.println("Stopped.");
    }

    private static void step(String what) {
        System.out.println("==> " + what);
    }

    static void fail(String message) {
        System.err.println("error: " + message);
        System.exit(2);
    }

    /** The demo tokens, written where a person (or curl) can read them. */
    record Tokens(Path directory, String admin, String ingest) {

        static Tokens write(LocalIdentity identity, Path directory, Duration lifetime) throws IOException {
            Files.createDirectories(directory);
            String admin = identity.token("demo-admin", DEMO_ACCOUNT, List.of("audit-admin"), lifetime,
                    Map.of("email", "admin@demo.example", "name", "Demo Admin"));
            String ingest = identity.token("demo-ingest", DEMO_ACCOUNT, List.of("audit-ingest"), lifetime);
            Files.writeString(directory.resolve("demo-admin.jwt"), admin);
            Files.writeString(directory.resolve("demo-ingest.jwt"), ingest);
            Files.writeString(directory.resolve("feed.jwt"), identity.token("feed-client", null, List.of("audit-feed"), lifetime));
            Files.writeString(directory.resolve("operator.jwt"),
                    identity.token("operator", null, List.of("platform-operator"), lifetime));
            return new Tokens(directory, admin, ingest);
        }
    }
}
