package io.auditlog.local.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** A service of the platform as the launcher runs it: its module, port and packaged jar. */
record PlatformService(String name, int port, Path jar) {

    /** The services of docs/architecture.md, in start order, with their local ports. */
    static List<PlatformService> all(Path root) {
        return List.of(
                of(root, "audit-service", 8081),
                of(root, "export-service", 8082),
                of(root, "notification-service", 8083),
                of(root, "analytics-service", 8084));
    }

    /**
     * The console (the super admin's web app, forwarding /api/v1 to the services), started after them; empty when it
     * is not built.
     */
    static Optional<PlatformService> console(Path root) {
        PlatformService console = of(root, "console", 8080);
        return Files.isRegularFile(console.jar()) ? Optional.of(console) : Optional.empty();
    }

    /** Those that are built: a service whose issue has not landed yet has no jar and is skipped. */
    static List<PlatformService> built(Path root) {
        return all(root).stream().filter(s -> Files.isRegularFile(s.jar())).toList();
    }

    String url() {
        return "http://localhost:" + port;
    }

    private static PlatformService of(Path root, String name, int port) {
        return new PlatformService(name, port, root.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"));
    }
}
