package io.auditlog.local.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.postgres.LocalPostgres;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Runs the real audit-service (its packaged jar, system property {@code audit-service.jar}) beside a service under
 * test, on the same test database and trusting the same local token issuer, and gives the service under test its
 * URL and a service-client token: real HTTP between real services.
 * <p>
 * Resource arguments: {@code config-prefix} names the client settings of the service under test
 * ({@code <prefix>.url} and {@code <prefix>.token}); {@code roles} (comma-separated) are the roles of its token.
 */
public class AuditServiceTestResource implements QuarkusTestResourceLifecycleManager {

    private Process process;
    private String configPrefix;
    private List<String> roles;

    @Override
    public void init(Map<String, String> initArgs) {
        configPrefix = required(initArgs, "config-prefix");
        roles = List.of(required(initArgs, "roles").split(","));
    }

    private static String required(Map<String, String> initArgs, String name) {
        String value = initArgs.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("AuditServiceTestResource needs the resource argument " + name);
        }
        return value.trim();
    }

    @Override
    public Map<String, String> start() {
        Path jar = Path.of(System.getProperty("audit-service.jar", "../audit-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No audit-service jar at " + jar + ": build it first (./mvnw verify "
                    + "packages it before the services that test against it)");
        }
        PostgresEndpoint db = LocalPostgres.database(LocalPlatformTestResource.TEST_DATABASE);
        LocalIdentity identity = LocalPlatformTestResource.identity();
        int port = freePort();
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("audit-service-under-test.log");
            ProcessBuilder builder = new ProcessBuilder(ChildProcesses.java(), "-jar", jar.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
            env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
            env.put("QUARKUS_OIDC_PUBLIC_KEY", identity.publicKey());
            env.put("QUARKUS_OIDC_TOKEN_ISSUER", LocalIdentity.ISSUER);
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            process = builder.start();
            if (!ChildProcesses.awaitOk(process, URI.create("http://localhost:" + port + "/q/health/ready"),
                    Duration.ofSeconds(90))) {
                throw new IllegalStateException("The audit-service did not start; see " + log.toAbsolutePath());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the audit-service: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String serviceToken = identity.token("service-under-test", null, roles, Duration.ofHours(2));
        return Map.of(configPrefix + ".url", "http://localhost:" + port, configPrefix + ".token", serviceToken);
    }

    @Override
    public void stop() {
        ChildProcesses.stop(process, Duration.ofSeconds(15));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
