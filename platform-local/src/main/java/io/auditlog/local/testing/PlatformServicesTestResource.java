package io.auditlog.local.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.auditlog.local.process.ServiceEnvironment;
import io.auditlog.local.process.ServiceJar;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the real audit-service (its packaged jar, system property {@code audit-service.jar}) and, when asked, the
 * real export-service ({@code export-service.jar}) beside a service under test, on the same test database and
 * trusting the same local token issuer, and gives the service under test their URLs and service-client tokens:
 * real HTTP between real services.
 * <p>
 * Resource arguments: {@code config-prefix} names the audit-service client settings of the service under test
 * ({@code <prefix>.url} and {@code <prefix>.token}) and {@code roles} (comma-separated) the roles of its token;
 * {@code export-config-prefix} and {@code export-roles}, when given, do the same for an export-service.
 */
public class PlatformServicesTestResource implements QuarkusTestResourceLifecycleManager {

    private final List<Process> processes = new ArrayList<>();
    private Map<String, String> args;

    @Override
    public void init(Map<String, String> initArgs) {
        args = initArgs;
        required("config-prefix");
        required("roles");
    }

    private String required(String name) {
        String value = args.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("PlatformServicesTestResource needs the resource argument " + name);
        }
        return value.trim();
    }

    @Override
    public Map<String, String> start() {
        LocalIdentity identity = LocalPlatformTestResource.identity();
        Map<String, String> config = new HashMap<>();
        String auditUrl = startJar("audit-service", Map.of());
        config.put(required("config-prefix") + ".url", auditUrl);
        config.put(required("config-prefix") + ".token", clientToken(identity, required("roles")));
        if (args.containsKey("export-config-prefix")) {
            String exportUrl = startJar("export-service", Map.of("EXPORT_AUDIT_URL", auditUrl,
                    "EXPORT_AUDIT_TOKEN", clientToken(identity, "audit-export,audit-ingest")));
            config.put(required("export-config-prefix") + ".url", exportUrl);
            config.put(required("export-config-prefix") + ".token", clientToken(identity, required("export-roles")));
        }
        return config;
    }

    private static String clientToken(LocalIdentity identity, String roles) {
        return identity.token("service-under-test", null, List.of(roles.split(",")), Duration.ofHours(2));
    }

    /** Starts a service's packaged jar on a free port; answers its base URL once it is ready. */
    private String startJar(String service, Map<String, String> serviceEnv) {
        PostgresEndpoint db = LocalPostgres.database(LocalPlatformTestResource.TEST_DATABASE);
        Map<String, String> env = ServiceEnvironment.of(db, LocalPlatformTestResource.identity());
        env.putAll(serviceEnv);
        int port = ChildProcesses.freePort();
        processes.add(ServiceJar.start(service, port, env, Path.of("target", service + "-under-test.log")));
        return "http://localhost:" + port;
    }

    @Override
    public void stop() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            ChildProcesses.stop(processes.get(i), Duration.ofSeconds(15));
        }
    }
}
