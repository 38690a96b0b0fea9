package io.auditlog.local.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A platform service's packaged jar, run as a child process beside a test: started with the environment it is
 * given (logs as plain text, appended to a file), and answered only once it is ready.
 */
public final class ServiceJar {

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);

    private ServiceJar() {
    }

    /** The jar of module {@code service}: system property {@code <service>.jar}, else the module's build output. */
    public static Path of(String service) {
        Path jar = Path.of(System.getProperty(service + ".jar", "../" + service + "/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No " + service + " jar at " + jar + ": build it first (./mvnw verify "
                    + "packages it before the modules that test against it)");
        }
        return jar;
    }

    /** Starts the service on {@code port}; answers its process once /q/health/ready answers 200. */
    public static Process start(String service, int port, Map<String, String> env, Path log) {
        Path jar = of(service);
        try {
            ServiceProcess process = ServiceProcess.jar(service, jar).port(port).environment(env)
                    .environment(Map.of("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false")).log(log, true).start();
            try {
                process.awaitReady(READY_WITHIN);
            } catch (IllegalStateException e) {
                process.stop(Duration.ZERO);
                throw e;
            }
            return process.process();
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the " + service + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
