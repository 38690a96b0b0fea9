package io.auditlog.local.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.auditlog.local.keycloak.KeycloakServer;
import io.auditlog.local.keycloak.LocalRealm;
import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ServiceProcess;

/**
 * Runs the whole platform on one machine: PostgreSQL (found or embedded), Keycloak with the repository's realm,
 * a mail sink, every built service as a child process, and a seeded demo account. Ctrl-C stops everything it
 * started.
 *
 * <pre>
 * java -jar platform-local/target/platform-local.jar run                        # start everything
 * java -jar platform-local/target/platform-local.jar token ROLE [ACCOUNT]       # a fresh token from Keycloak
 * java -jar platform-local/target/platform-local.jar local-token ROLES [ACCOUNT|-]  # a token of the local test issuer
 * </pre>
 */
public final class Launcher {

    static final String DEMO_ACCOUNT = "demo";
    /** Keycloak's HTTP port; the issuer is http://localhost:8180/realms/audit-platform. */
    static final int KEYCLOAK_PORT = 8180;
    /** Seconds an access token lives, overriding the realm file's value (the e2e run makes it short). */
    static final String ACCESS_TOKEN_LIFESPAN_VARIABLE = "PLATFORM_ACCESS_TOKEN_LIFESPAN";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** How long after a child's exit the launcher's own stop may begin, when one signal reached both. */
    private static final Duration STOP_SIGNAL_GRACE = Duration.ofSeconds(5);
    private static final Duration KEYCLOAK_START_TIMEOUT = Duration.ofSeconds(180);

    private final Path root = Path.of("").toAbsolutePath();
    private final Path state = root.resolve(".local");
    private final List<ServiceProcess> running = new ArrayList<>();
    private MailSink mail;
    private DemoProducer producer;
    private KeycloakServer keycloak;
    /** Set once the stop began: a child that exits then is stopping, not failing. */
    private volatile boolean stopping;

    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() < 17) {
            fail("Java 17 or newer is needed; this is Java " + Runtime.version());
        }
        String command = args.length == 0 ? "run" : args[0];
        Launcher launcher = new Launcher();
        switch (command) {
            case "run" -> {
                try {
                    launcher.run();
                } catch (Stopping e) {
                    // stopped (Ctrl-C) while starting: the shutdown hook stopped what had started
                } catch (Exception e) {
                    if (!launcher.stopping) { // else a call to a child that the stop ended (the demo seed)
                        throw e;
                    }
                }
            }
            case "token" -> TokenCommands.printToken(launcher.root, args);
            case "local-token" -> TokenCommands.printLocalToken(launcher.state, args);
            default -> fail("Unknown command " + command + ". Use: run | token ROLE [ACCOUNT] | local-token ROLES [ACCOUNT|-]");
        }
    }

    private void run() throws Exception {
        List<PlatformService> services = PlatformService.built(root);
        if (services.isEmpty()) {
            fail("No service is built. Build first: ./mvnw -DskipTests package");
        }
        Optional<PlatformService> console = PlatformService.console(root);
        if (console.isPresent()) {
            ensureFree(console.get().port(), console.get().name());
        }
        for (PlatformService service : services) {
            ensureFree(service.port(), service.name());
        }
        ensureFree(MailSink.SMTP_PORT, "mail sink SMTP");
        ensureFree(MailSink.API_PORT, "mail sink API");
        ensureFree(KEYCLOAK_PORT, "Keycloak");
        ensureFree(DemoProducer.PORT, "demo restore producer");
        Integer lifespan = accessTokenLifespan();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "platform-stop"));
        LocalRealm realm = startKeycloak(lifespan);
        step("PostgreSQL");
        Map<String, String> environment = databaseEnvironment();
        environment.putAll(startMailSink());
        awaitKeycloak();
        environment.put("QUARKUS_OIDC_AUTH_SERVER_URL", realm.issuer());
        environment.put("QUARKUS_OIDC_TOKEN_AUDIENCE", LocalRealm.AUDIENCE);
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        environment.putAll(ServiceClients.urls());
        // The mails link to the console's pages; without a console, to the services' APIs (the defaults).
        console.ifPresent(c -> environment.putAll(ServiceClients.mailLinks(c)));

        for (PlatformService service : services) {
            Map<String, String> own = new HashMap<>(environment);
            own.putAll(ServiceClients.credentials(service.name(), realm));
            if ("audit-service".equals(service.name())) {
                own.putAll(integrityKey());
            }
            if ("export-service".equals(service.name())) {
                // The same key signs report manifests, so one published key set checks heads and manifests.
                own.put("EXPORT_INTEGRITY_SIGNING_KEY_FILE", state.resolve("integrity/signing-key.pem").toString());
            }
            own.putAll(ServiceClients.restore(service.name()));
            start(service, own);
        }
        if (console.isPresent()) {
            Map<String, String> own = new HashMap<>(environment);
            own.putAll(ServiceClients.console(realm));
            start(console.get(), own);
        } else {
            System.out.println("  (the console is not built; ./mvnw -DskipTests package builds it)");
        }
        step("Seeding demo account \"" + DEMO_ACCOUNT + "\"");
        int created = DemoData.seed(services.get(0).url(), realm.clientToken(DEMO_ACCOUNT + "-ingest"), 600);
        System.out.println("  " + created + " new demo events (" + (DemoData.total(600) - created)
                + " were already there)");
        startDemoProducer(services.get(0), realm);
        printWelcome(services, console, realm, lifespan == null ? realm.accessTokenLifespan() : lifespan);
        awaitStop();
    }

    /** The demo account's product answering restore requests, registered with the audit-service. */
    private void startDemoProducer(PlatformService audit, LocalRealm realm) throws Exception {
        if (!"audit-service".equals(audit.name())) {
            return;
        }
        step("Demo restore producer on port " + DemoProducer.PORT);
        synchronized (this) {
            stopIfStopping();
            producer = new DemoProducer(audit.url(), DEMO_ACCOUNT, () -> realm.clientToken(DEMO_ACCOUNT + "-ingest"))
                    .start(DemoProducer.PORT);
        }
        producer.register();
        System.out.println("  registered " + producer.url() + " as account " + DEMO_ACCOUNT + "'s restore endpoint");
    }

    /** Starts Keycloak (pre-building it on first use); the services wait for it in {@link #awaitKeycloak()}. */
    private LocalRealm startKeycloak(Integer lifespan) throws Exception {
        try {
            keycloak = new KeycloakServer(launcherDirectory(), state, KEYCLOAK_PORT);
            step("Keycloak " + keycloak.version() + " on port " + KEYCLOAK_PORT);
            keycloak.prepare();
        } catch (IllegalStateException e) {
            // not unpacked (not built), no Java 21+, or kc.sh build failed: the message says which
            fail(e.getMessage());
        }
        LocalRealm realm = LocalRealm.load(root, keycloak.url());
        synchronized (this) {
            stopIfStopping();
            keycloak.start(realm, lifespan);
        }
        return realm;
    }

    private void awaitKeycloak() throws InterruptedException {
        if (!keycloak.awaitReady(KEYCLOAK_START_TIMEOUT)) {
            failUnlessStopping("Keycloak did not become ready within " + KEYCLOAK_START_TIMEOUT.toSeconds() + "s; see "
                    + root.relativize(keycloak.log()));
        }
        System.out.printf("==> Keycloak ready (%.1fs after it started; log: %s)%n",
                keycloak.secondsSinceStart(), root.relativize(keycloak.log()));
    }

    private static Integer accessTokenLifespan() {
        String value = System.getenv(ACCESS_TOKEN_LIFESPAN_VARIABLE);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(value.trim());
            if (seconds >= 10) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        fail(ACCESS_TOKEN_LIFESPAN_VARIABLE + " must be a number of seconds, at least 10; it is \"" + value + "\"");
        return null;
    }

    /**
     * The tamper-evident log's signing key of the local run: .local/integrity/signing-key.pem, made by the
     * audit-service on its first start and kept, so tree heads of earlier runs stay verifiable.
     */
    private Map<String, String> integrityKey() {
        return Map.of("AUDIT_INTEGRITY_SIGNING_KEY_FILE", state.resolve("integrity/signing-key.pem").toString(),
                "AUDIT_INTEGRITY_GENERATE_KEY_IF_MISSING", "true");
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
        synchronized (this) {
            stopIfStopping();
            mail.start();
        }
        if (!mail.awaitReady(Duration.ofSeconds(30))) {
            failUnlessStopping("The mail sink did not start; see " + root.relativize(mail.log()));
        }
        System.out.println("  ready; read mails at " + mail.apiUrl());
        return mail.environment();
    }

    private static Path launcherDirectory() throws Exception {
        return Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    private void start(PlatformService service, Map<String, String> environment) throws Exception {
        step("Starting " + service.name() + " on port " + service.port());
        ServiceProcess process;
        synchronized (this) {
            stopIfStopping();
            process = ServiceProcess.jar(service.name(), service.jar()).port(service.port()).environment(environment)
                    .log(state.resolve("logs").resolve(service.name() + ".log")).start();
            running.add(process);
        }
        try {
            Duration took = process.awaitReady(START_TIMEOUT);
            System.out.printf("  ready in %.1fs (log: %s)%n", took.toMillis() / 1e3, root.relativize(process.log()));
        } catch (IllegalStateException e) {
            failUnlessStopping(service.name() + " did not become ready within " + START_TIMEOUT.toSeconds()
                    + "s; see " + root.relativize(process.log()));
        }
    }

    private void printWelcome(List<PlatformService> services, Optional<PlatformService> console, LocalRealm realm,
            int lifespan) {
        String audit = services.get(0).url();
        System.out.println();
        System.out.println("The audit platform is running. Ctrl-C stops it.");
        for (PlatformService service : services) {
            System.out.printf("  %-22s %s  (OpenAPI: %s/q/openapi, health: %s/q/health)%n", service.name(),
                    service.url(), service.url(), service.url());
        }
        console.ifPresent(c -> System.out.printf("  %-22s %s  (the web app; /api/v1 forwarded to the services)%n",
                c.name(), c.url()));
        System.out.println("  mail sink              SMTP localhost:" + MailSink.SMTP_PORT + "; mails received by a person: "
                + mail.apiUrl() + "/api/user/EMAIL/messages/");
        if (producer != null) {
            System.out.println("  demo restore producer  " + producer.url() + "  (restores account " + DEMO_ACCOUNT
                    + "'s deleted CRM records)");
        }
        System.out.println("  Keycloak               issuer " + realm.issuer() + " (access tokens live " + lifespan + "s)");
        System.out.println("                         log in: " + realm.issuer() + "/account ; admin console: "
                + keycloak.url() + "/admin (admin / admin)");
        System.out.println();
        System.out.println("People of the realm (password = username):");
        realm.people().forEach((username, what) -> System.out.printf("  %-12s %s%n", username, what));
        System.out.println();
        System.out.println("A fresh token from Keycloak: ./platform token audit-admin [demo|acme], "
                + "./platform token audit-ingest [demo|acme], ./platform token audit-feed|audit-export|platform-operator");
        System.out.println();
        System.out.println("Try:");
        System.out.println("  curl -s -H \"Authorization: Bearer $(./platform token audit-admin)\" '" + audit
                + "/api/v1/events?view=login-history&limit=5'");
        console.ifPresent(c -> {
            System.out.println();
            System.out.println("The console: open " + c.url() + " and log in as demo-admin / demo-admin (super admin"
                    + " of account demo); demo-user / demo-user is no admin and is shown the \"only super admins\""
                    + " page.");
        });
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
        while (!stopping) {
            String died = died();
            if (died != null) {
                failUnlessStopping(died);
            }
            Thread.sleep(1000);
        }
    }

    /**
     * Fails with {@code message}, unless the stop begins within {@link #STOP_SIGNAL_GRACE}. A Ctrl-C at a terminal
     * signals the whole foreground process group, the launcher and its children at once: a child may exit before
     * the launcher's shutdown hook has even begun, and that exit is part of the stop, not a failure.
     */
    private void failUnlessStopping(String message) throws InterruptedException {
        long deadline = System.nanoTime() + STOP_SIGNAL_GRACE.toNanos();
        while (!stopping && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (stopping) {
            throw new Stopping();
        }
        fail(message);
    }

    /** What stopped by itself, if anything; read under the lock that the stop holds while it stops everything. */
    private synchronized String died() {
        if (keycloak != null && !keycloak.isAlive()) {
            return "Keycloak stopped unexpectedly; see " + root.relativize(keycloak.log());
        }
        if (mail != null && !mail.isAlive()) {
            return "The mail sink stopped unexpectedly; see " + root.relativize(mail.log());
        }
        for (ServiceProcess process : running) {
            if (!process.isAlive()) {
                return process.name() + " stopped unexpectedly; see " + root.relativize(process.log());
            }
        }
        return null;
    }

    private synchronized void stopAll() {
        stopping = true;
        if (running.isEmpty() && mail == null && keycloak == null) {
            return;
        }
        System.out.println();
        System.out.println("Stopping " + running.size() + " service(s), the mail sink and Keycloak...");
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).stop(Duration.ofSeconds(15));
        }
        running.clear();
        if (producer != null) {
            producer.close();
            producer = null;
        }
        if (mail != null) {
            mail.stop();
            mail = null;
        }
        if (keycloak != null) {
            keycloak.stop();
            keycloak = null;
        }
        System.out.println("Stopped.");
    }

    /**
     * Each child starts under the lock that the stop holds: it starts before the stop (and is stopped by it) or
     * not at all. The start stops here once the stop began.
     */
    private void stopIfStopping() {
        if (stopping) {
            throw new Stopping();
        }
    }

    /** The start was interrupted by the stop. */
    private static final class Stopping extends RuntimeException {
        Stopping() {
            super("stopping", null, false, false);
        }
    }

    private static void step(String what) {
        System.out.println("==> " + what);
    }

    static void fail(String message) {
        System.err.println("error: " + message);
        System.exit(2);
    }
}
