package io.auditlog.local.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.auditlog.local.process.ChildProcesses;

/**
 * A real Keycloak for the local run, from the server distribution that the build unpacks beside the launcher
 * ({@code target/keycloak/keycloak-VERSION}). The distribution is copied once into the state directory and
 * pre-built there ({@code kc.sh build}, about 45 s on two cores), so each start is an optimized start of that
 * copy. Every start begins from an empty dev-file database and imports the realm file, so the realm is always the
 * repository's.
 */
public final class KeycloakServer {

    /** Keycloak 26 runs on Java 21 or newer. */
    static final int JAVA_FEATURE = 21;
    /**
     * Options fixed at build time; a copy built with other options is built again. One node: local caches, no
     * JGroups cluster (no ports beside HTTP). Readiness is the realm's discovery document, so no management
     * interface (health and metrics stay off, and with them port 9000).
     */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--cache=local",
            "--health-enabled=false", "--metrics-enabled=false");
    private static final String BUILT_MARKER = ".audit-platform-built";

    private final Path distribution;
    private final Path home;
    private final Path logs;
    private final int port;
    private Process process;
    private long startedAt;
    private Path javaHome;

    /**
     * @param launcherDirectory where the launcher's jar lies (the distribution is in its {@code keycloak/})
     * @param state the launcher's state directory ({@code .local}); the pre-built copy goes to its {@code keycloak/}
     */
    public KeycloakServer(Path launcherDirectory, Path state, int port) {
        this.distribution = unpacked(launcherDirectory.resolve("keycloak"));
        this.home = state.resolve("keycloak").resolve(distribution.getFileName());
        this.logs = state.resolve("logs");
        this.port = port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return logs.resolve("keycloak.log");
    }

    public String version() {
        return distribution.getFileName().toString().replaceFirst("^keycloak-", "");
    }

    /** Finds Java 21+, and pre-builds the server copy unless that was done with the same options before. */
    public void prepare() throws IOException, InterruptedException {
        javaHome = JavaRuntimes.find(JAVA_FEATURE);
        Path marker = home.resolve(BUILT_MARKER);
        String built = String.join(" ", BUILD_OPTIONS);
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(built)) {
            return;
        }
        System.out.println("  building Keycloak " + version() + " once into " + home
                + " (kc.sh build, about a minute; later starts reuse it)");
        deleteTree(home);
        copyTree(distribution, home);
        List<String> command = new ArrayList<>(List.of("sh", "bin/kc.sh", "build"));
        command.addAll(BUILD_OPTIONS);
        Path buildLog = logs.resolve("keycloak-build.log");
        Files.createDirectories(logs);
        Process build = server(command).redirectOutput(buildLog.toFile()).start();
        if (build.waitFor() != 0) {
            throw new IllegalStateException("kc.sh build failed; see " + buildLog);
        }
        Files.writeString(marker, built);
    }

    /** Starts the server with a fresh database and the realm imported (access tokens live {@code lifespan} s). */
    public void start(LocalRealm realm, Integer accessTokenLifespan) throws IOException {
        deleteTree(home.resolve("data"));
        realm.writeImport(home.resolve("data/import/" + LocalRealm.NAME + "-realm.json"), accessTokenLifespan);
        Files.createDirectories(logs);
        ProcessBuilder builder = server(List.of("sh", "bin/kc.sh", "start", "--optimized", "--import-realm",
                "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + url(),
                "--log-console-color=false"))
                .redirectOutput(log().toFile());
        // The master realm's administrator, for the admin console of a local run only.
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        startedAt = System.nanoTime();
        process = builder.start();
    }

    /** Seconds since {@link #start} (the time to ready, once ready). */
    public double secondsSinceStart() {
        return (System.nanoTime() - startedAt) / 1e9;
    }

    /** Waits until the realm's discovery document is served (the realm is imported); false when it died or timed out. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return ChildProcesses.awaitOk(process,
                URI.create(url() + "/realms/" + LocalRealm.NAME + "/.well-known/openid-configuration"), timeout);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Stops the server: kc.sh passes SIGTERM on to the JVM; after the grace period both are killed. */
    public void stop() {
        ChildProcesses.stop(process, Duration.ofSeconds(20));
    }

    private ProcessBuilder server(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().remove("JAVA_OPTS");
        return builder;
    }

    private static Path unpacked(Path directory) {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> entries = Files.list(directory)) {
                var found = entries.filter(p -> p.getFileName().toString().startsWith("keycloak-")
                        && Files.isRegularFile(p.resolve("bin/kc.sh"))).findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("Keycloak is not unpacked at " + directory
                + ". Build first: ./mvnw -DskipTests package (it unpacks org.keycloak:keycloak-quarkus-dist)");
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
