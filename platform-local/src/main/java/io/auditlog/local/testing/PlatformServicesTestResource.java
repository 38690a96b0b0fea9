package io.auditlog.local.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
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
        Path jar = Path.of(System.getProperty(service + ".jar",
                "../" + service + "/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + service + " jar at " + jar + ": build it first (./mvnw verify "
                    + "packages it before the services that test against it)");
        }
        PostgresEndpoint db = LocalPostgres.database(LocalPlatformTestResource.TEST_DATABASE);
        LocalIdentity identity = LocalPlatformTestResource.identity();
        int port = freePort();
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve(service + "-under-test.log");
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.java(), "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.putAll(ServiceEnvironment.of(db, identity));
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            env.putAll(serviceEnv);
            Process process = builder.start();
            processes.add(process);
            if (!ChildProcesses.awaitOk(process, URI.create("http://localhost:" + port + "/q/health/ready"),
                    Duration.ofSeconds(90))) {
                throw new IllegalStateException("The " + service + " did not start; see " + log.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the " + service + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return "http://localhost:" + port;
    }

    @Override
    public void stop() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            ChildProcesses.stop(processes.get(i), Duration.ofSeconds(15));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
