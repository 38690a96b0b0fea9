package io.auditlog.local.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.auditlog.local.identity.TokenEndpoint;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceJar;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the real audit-service (its packaged jar, system property {@code audit-service.jar}) and, when asked, the
 * real export-service ({@code export-service.jar}) beside a service under test, on the same test database and
 * trusting the same local token issuer, and a real OAuth 2.0 token endpoint ({@link TokenEndpoint}) from which the
 * service under test and the export-service get their client-credentials tokens: real HTTP between real services,
 * with the same credentials flow as in production.
 * <p>
 * Resource arguments: {@code config-prefix} names the audit-service client settings of the service under test
 * ({@code <prefix>.url}), {@code client-id} its client at the token endpoint ({@code export-service},
 * {@code notification-service}, {@code analytics-service}); {@code export-config-prefix}, when given, starts an
 * export-service and sets {@code <prefix>.url}; {@code token-lifetime} (ISO-8601, default PT5M) is how long the
 * endpoint's tokens live; {@code signing-key-file}, when given, is the tamper-evident log's key: the audit-service
 * makes it on its first start and signs a head every second, and the service under test is told the same file as
 * {@code export.integrity.signing-key-file} (signed report manifests).
 */
public class PlatformServicesTestResource implements QuarkusTestResourceLifecycleManager {

    private final List<Process> processes = new ArrayList<>();
    private Map<String, String> args;
    private TokenEndpoint tokens;
    private static volatile TokenEndpoint current;

    @Override
    public void init(Map<String, String> initArgs) {
        args = initArgs;
        required("config-prefix");
        required("client-id");
    }

    private String required(String name) {
        String value = args.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("PlatformServicesTestResource needs the resource argument " + name);
        }
        return value.trim();
    }

    /** The token endpoint of the running test resource (a test counts the tokens it issued). */
    public static TokenEndpoint tokenEndpoint() {
        if (current == null) {
            throw new IllegalStateException("No PlatformServicesTestResource is running");
        }
        return current;
    }

    @Override
    public Map<String, String> start() {
        Duration lifetime = Duration.parse(args.getOrDefault("token-lifetime", "PT5M"));
        tokens = TokenEndpoint.start(LocalPlatformTestResource.identity(), lifetime, 0);
        current = tokens;
        Map<String, String> config = new HashMap<>();
        Map<String, String> auditEnv = new HashMap<>();
        String key = args.get("signing-key-file");
        if (key != null && !key.isBlank()) {
            String file = Path.of(key).toAbsolutePath().toString();
            auditEnv.put("AUDIT_INTEGRITY_SIGNING_KEY_FILE", file);
            auditEnv.put("AUDIT_INTEGRITY_GENERATE_KEY_IF_MISSING", "true");
            auditEnv.put("AUDIT_INTEGRITY_SIGN_EVERY", "1s");
            config.put("export.integrity.signing-key-file", file);
        }
        String auditUrl = startJar("audit-service", auditEnv);
        config.put(required("config-prefix") + ".url", auditUrl);
        config.putAll(tokens.clientConfig(required("client-id")));
        config.put("quarkus.oidc-client.refresh-token-time-skew", skew(lifetime).toSeconds() + "S");
        if (args.containsKey("export-config-prefix")) {
            Map<String, String> exportEnv = new HashMap<>(tokens.clientEnvironment("export-service"));
            exportEnv.put("EXPORT_AUDIT_URL", auditUrl);
            exportEnv.put("QUARKUS_OIDC_CLIENT_REFRESH_TOKEN_TIME_SKEW", skew(lifetime).toSeconds() + "S");
            String exportUrl = startJar("export-service", exportEnv);
            config.put(required("export-config-prefix") + ".url", exportUrl);
        }
        return config;
    }

    /** Renew a token a third of its life before it ends, at most 30 s before (the services' default). */
    private static Duration skew(Duration lifetime) {
        long seconds = Math.max(1, Math.min(30, lifetime.toSeconds() / 3));
        return Duration.ofSeconds(seconds);
    }

    /**
     * The log of a service this resource runs (appended to by every start in this module), with an access log line
     * per request it answered: a test reads what was appended while it ran, e.g. the 401s it answered.
     */
    public static Path serviceLog(String service) {
        return Path.of("target", service + "-under-test.log");
    }

    /** Starts a service's packaged jar on a free port; answers its base URL once it is ready. */
    private String startJar(String service, Map<String, String> serviceEnv) {
        PostgresEndpoint db = TestDatabase.endpoint();
        Map<String, String> env = ServiceEnvironment.of(db, LocalPlatformTestResource.identity());
        env.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true");
        env.putAll(serviceEnv);
        int port = ChildProcesses.freePort();
        processes.add(ServiceJar.start(service, port, env, serviceLog(service)));
        return "http://localhost:" + port;
    }

    @Override
    public void stop() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            ChildProcesses.stop(processes.get(i), Duration.ofSeconds(15));
        }
        if (tokens != null) {
            tokens.close();
        }
    }
}
