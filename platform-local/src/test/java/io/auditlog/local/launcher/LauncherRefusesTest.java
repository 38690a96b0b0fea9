package io.auditlog.local.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.auditlog.local.process.ChildProcesses;

/**
 * What {@code ./platform run} promises to refuse, each run for real: the launcher started as {@code java -cp ...
 * Launcher run} while a port it needs is taken (a service's, the console's), and the {@code platform} script itself with a {@code java} on the
 * PATH that is older than 17. Both answer exit status 2 and a message that says what to do, and start nothing.
 */
class LauncherRefusesTest {

    /** The repository root: the tests run in platform-local/. */
    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    @Test
    void aTakenPortIsRefusedBeforeAnythingStarts(@TempDir Path root) throws Exception {
        // A root where the audit-service counts as built: the launcher checks the ports of the built services.
        Path jar = root.resolve("audit-service/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);
        try (ServerSocket taken = holdOrFindTaken(8081)) {
            Result result = run(root, Map.of(), ChildProcesses.java(), "-cp", System.getProperty("java.class.path"),
                    Launcher.class.getName(), "run");

            assertEquals(2, result.status(), result.output());
            assertTrue(result.output().contains("error: Port 8081 (audit-service) is taken. Is the platform already "
                    + "running?"), result.output());
            assertFalse(result.output().contains("==>"), "nothing was started: " + result.output());
            assertFalse(Files.exists(root.resolve(".local")), "nothing was prepared");
        }
    }

    @Test
    void theConsolesPortTakenIsRefusedBeforeAnythingStarts(@TempDir Path root) throws Exception {
        // A root where a service and the console count as built: the console's port is needed too.
        for (String module : List.of("audit-service", "console")) {
            Path jar = root.resolve(module + "/target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            Files.createFile(jar);
        }
        try (ServerSocket taken = holdOrFindTaken(8080)) {
            Result result = run(root, Map.of(), ChildProcesses.java(), "-cp", System.getProperty("java.class.path"),
                    Launcher.class.getName(), "run");

            assertEquals(2, result.status(), result.output());
            assertTrue(result.output().contains("error: Port 8080 (console) is taken. Is the platform already "
                    + "running?"), result.output());
            assertFalse(result.output().contains("==>"), "nothing was started: " + result.output());
            assertFalse(Files.exists(root.resolve(".local")), "nothing was prepared");
        }
    }

    @Test
    void theDemoProducersPortTakenIsRefusedBeforeAnythingStarts(@TempDir Path root) throws Exception {
        Path jar = root.resolve("audit-service/target/quarkus-app/quarkus-run.jar");
        Files.createDirectories(jar.getParent());
        Files.createFile(jar);
        // The launcher checks the services' ports first: a platform running on this machine holds 8081 and is
        // refused for that (the test above), so this one can only be made when 8081 is free.
        try (ServerSocket free = holdOrFindTaken(8081)) {
            org.junit.jupiter.api.Assumptions.assumeTrue(free.isBound(), "port 8081 is taken: a platform is running");
        }
        try (ServerSocket taken = holdOrFindTaken(DemoProducer.PORT)) {
            Result result = run(root, Map.of(), ChildProcesses.java(), "-cp", System.getProperty("java.class.path"),
                    Launcher.class.getName(), "run");

            assertEquals(2, result.status(), result.output());
            assertTrue(result.output().contains("error: Port 8090 (demo restore producer) is taken."), result.output());
            assertFalse(result.output().contains("==>"), "nothing was started: " + result.output());
        }
    }

    @Test
    void aJavaOlderThan17IsRefusedByThePlatformScript(@TempDir Path bin) throws Exception {
        Path java = bin.resolve("java");
        // What `java -XshowSettings:properties -version` of a Java 11 prints (on stderr), and nothing more.
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 11' >&2\necho 'openjdk version "
                + "\"11.0.2\"' >&2\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        Result result = run(REPOSITORY, Map.of("PATH", bin + ":" + System.getenv("PATH")), "bash",
                REPOSITORY.resolve("platform").toString(), "run");

        assertEquals(2, result.status(), result.output());
        assertEquals("error: Java 17 or newer is needed; found Java 11", result.output().strip());
    }

    @Test
    void theCurrentJavaPassesThePlatformScriptsCheck() throws Exception {
        // The same script with this JVM's java first on the PATH goes past the version check (to its usage line),
        // so the refusal above is the check's doing and not a broken script.
        Path javaBin = Path.of(ChildProcesses.java()).getParent();
        Result result = run(REPOSITORY, Map.of("PATH", javaBin + ":" + System.getenv("PATH")), "bash",
                REPOSITORY.resolve("platform").toString(), "no-such-command");

        assertEquals(2, result.status(), result.output());
        assertTrue(result.output().startsWith("usage: ./platform"), result.output());
    }

    private record Result(int status, String output) {
    }

    private static Result run(Path directory, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(directory.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running after 60 s: " + new String(output, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /**
     * Binds {@code port} as the launcher's check does (all interfaces); when something else holds it already (a
     * platform running on this machine), the port is taken all the same and there is nothing to hold.
     */
    private static ServerSocket holdOrFindTaken(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(new InetSocketAddress("0.0.0.0", port));
        } catch (IOException alreadyTaken) {
            socket.close();
        }
        return socket;
    }
}
