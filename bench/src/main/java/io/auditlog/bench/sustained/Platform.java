package io.auditlog.bench.sustained;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.identity.TokenEndpoint;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceProcess;

/**
 * The four services wired as {@code ./platform run} wires them (one PostgreSQL database, each service its schema;
 * the callers' client-credentials tokens from a token endpoint; the notification-service mailing a real SMTP
 * server), on ports of the benchmark's own, with GreenMail as the SMTP server in this JVM and the audit-service
 * signing tree heads with a key made on its first start. Differences from the local run, on purpose: the tokens are
 * minted by platform-local's {@link LocalIdentity} instead of Keycloak (no Keycloak process competing for the two
 * cores), and no console (it only forwards requests).
 */
final class Platform implements AutoCloseable {

    static final List<String> SCHEMAS = List.of("audit", "export", "notify", "analytics");

    final LocalIdentity identity = LocalIdentity.generate();
    final GreenMail smtp;
    final ServiceProcess audit;
    final ServiceProcess export;
    final ServiceProcess notify;
    final ServiceProcess analytics;
    private final TokenEndpoint tokens;
    private final List<ServiceProcess> started = new ArrayList<>();

    private Platform(SustainedOptions options, PostgresEndpoint database, Path root) throws Exception {
        smtp = new GreenMail(new ServerSetup(options.smtpPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        tokens = TokenEndpoint.start(identity, Duration.ofMinutes(5), options.tokenPort());
        Map<String, String> common = ServiceEnvironment.of(database, identity);
        common.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        String auditUrl = "http://127.0.0.1:" + options.auditPort();

        Map<String, String> auditEnv = new LinkedHashMap<>(common);
        auditEnv.put("AUDIT_INTEGRITY_SIGNING_KEY_FILE", options.out().resolve("integrity/signing-key.pem").toString());
        auditEnv.put("AUDIT_INTEGRITY_GENERATE_KEY_IF_MISSING", "true");
        audit = start("audit-service", options.auditJar(), options.auditPort(), auditEnv, options, root);

        Map<String, String> exportEnv = new LinkedHashMap<>(common);
        exportEnv.put("EXPORT_AUDIT_URL", auditUrl);
        exportEnv.putAll(tokens.clientEnvironment("export-service"));
        export = start("export-service", options.exportJar(), options.exportPort(), exportEnv, options, root);

        Map<String, String> notifyEnv = new LinkedHashMap<>(common);
        notifyEnv.put("NOTIFY_AUDIT_URL", auditUrl);
        notifyEnv.put("NOTIFY_EXPORTS_URL", "http://127.0.0.1:" + options.exportPort());
        notifyEnv.putAll(tokens.clientEnvironment("notification-service"));
        notifyEnv.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        notifyEnv.put("QUARKUS_MAILER_PORT", String.valueOf(options.smtpPort()));
        notifyEnv.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        notify = start("notification-service", options.notifyJar(), options.notifyPort(), notifyEnv, options, root);

        Map<String, String> analyticsEnv = new LinkedHashMap<>(common);
        analyticsEnv.put("ANALYTICS_AUDIT_URL", auditUrl);
        analyticsEnv.putAll(tokens.clientEnvironment("analytics-service"));
        analytics = start("analytics-service", options.analyticsJar(), options.analyticsPort(), analyticsEnv, options,
                root);
    }

    /** Starts GreenMail, the token endpoint and the four services, each ready before the next starts. */
    static Platform start(SustainedOptions options, PostgresEndpoint database, Path root) throws Exception {
        return new Platform(options, database, root);
    }

    List<ServiceProcess> services() {
        return List.of(audit, export, notify, analytics);
    }

    /** A person's token in {@code account} with {@code roles} (and an email claim, which mails and exports need). */
    String person(String subject, String account, List<String> roles, String email) {
        return identity.token(subject, account, roles, Duration.ofHours(6), Map.of("email", email));
    }

    /** A service-like token of no account (the feed reader, the analytics operator). */
    String operator(String subject, List<String> roles) {
        return identity.token(subject, null, roles, Duration.ofHours(6));
    }

    /*
     * One at a time, as the launcher does: four JVMs starting together on two busy cores blocked a service's event
     * loop past its start-up timeouts.
     */
    private ServiceProcess start(String name, Path jar, int port, Map<String, String> env, SustainedOptions options,
            Path root) throws Exception {
        ServiceProcess process = ServiceProcess.jar(name, jar).javaOptions(options.serviceJavaOpts()).port(port)
                .environment(env).log(options.out().resolve(name + ".log")).directory(root).stopOnExit().start();
        started.add(process);
        try {
            process.awaitReady(Duration.ofMinutes(3));
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        return process;
    }

    @Override
    public void close() {
        for (ServiceProcess process : started) {
            process.close();
        }
        tokens.close();
        smtp.stop();
    }
}
