package io.auditlog.local.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.auditlog.local.postgres.PostgresEndpoint;
import io.auditlog.local.process.ChildProcesses;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL cluster of a fault test's own, on a free port, that the test may restart, crash or freeze: the
 * machine's shared server must never be disturbed by a test. Data survives restarts and crashes (never a "clean"
 * data directory), as a real server's does.
 */
public final class FaultPostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port = ChildProcesses.freePort();
    private EmbeddedPostgres postgres;
    private final List<ProcessHandle> frozen = new ArrayList<>();

    /** Starts a fresh cluster in {@code dataDirectory} (anything left there by an earlier run is deleted). */
    public FaultPostgres(Path dataDirectory) throws IOException {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        deleteTree(this.dataDirectory);
        start();
    }

    /** The cluster's database {@code database}, created when missing. */
    public PostgresEndpoint database(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(endpoint("postgres").jdbcUrl(), "postgres", "")) {
            var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            }
        }
        return endpoint(database);
    }

    public PostgresEndpoint endpoint(String database) {
        return new PostgresEndpoint("127.0.0.1", port, database, "postgres", "");
    }

    /** A fast shutdown (every session is told "terminating connection due to administrator command"), then a start. */
    public void restart() throws IOException {
        postgres.close();
        start();
    }

    /** The postmaster is killed (SIGKILL), as in a crash, and started again: it recovers from its WAL. */
    public void crashAndRestart() throws Exception {
        ProcessHandle postmaster = postmaster();
        List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
        postmaster.destroyForcibly();
        postmaster.onExit().get(10, TimeUnit.SECONDS);
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            postgres.close(); // its pg_ctl stop finds nothing running; this only releases the handle
        } catch (IOException | RuntimeException ignored) {
            // expected: the server is already gone
        }
        start();
    }

    /** SIGSTOP to the postmaster and every backend: TCP still accepts, nothing answers, as a hung host does. */
    public void freeze() throws IOException, InterruptedException {
        ProcessHandle postmaster = postmaster();
        frozen.clear();
        frozen.add(postmaster);
        frozen.addAll(postmaster.descendants().toList());
        for (ProcessHandle process : frozen) {
            signal("STOP", process);
        }
    }

    /** SIGCONT to everything {@link #freeze()} stopped. */
    public void thaw() throws IOException, InterruptedException {
        for (ProcessHandle process : frozen) {
            signal("CONT", process);
        }
        frozen.clear();
    }

    private ProcessHandle postmaster() throws IOException {
        String pid = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim();
        return ProcessHandle.of(Long.parseLong(pid))
                .orElseThrow(() -> new IOException("No PostgreSQL postmaster with pid " + pid));
    }

    private static void signal(String signal, ProcessHandle process) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start().waitFor();
    }

    private void start() throws IOException {
        // The embedded server's defaults trade durability for speed (fsync and synchronous_commit off): a crash
        // then loses commits it had acknowledged, which is not the server this test means to crash.
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port).setPgBinaryResolver(FaultPostgres::firstPgBinary)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on").start();
    }

    /**
     * The embedded server's binaries, from the first class-path entry that has them: in a full reactor build the
     * failsafe class path can list the binaries jar twice, which the default resolver refuses.
     */
    private static InputStream firstPgBinary(String system, String hardware) throws IOException {
        String name = String.format("postgres-%s-%s.txz", system.toLowerCase(Locale.ROOT), hardware);
        URL url = FaultPostgres.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IOException("No embedded PostgreSQL binaries " + name + " on the class path");
        }
        return url.openStream();
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (!frozen.isEmpty()) {
            thaw();
        }
        postgres.close();
    }
}
