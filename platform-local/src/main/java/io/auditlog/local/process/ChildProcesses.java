package io.auditlog.local.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starting, awaiting and stopping child processes: the launcher's services and mail sink, and services under test. */
public final class ChildProcesses {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ChildProcesses() {
    }

    /** A TCP port free on this machine right now, for a child process to listen on. */
    public static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The java executable of the running JVM, so children run on the same Java. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits until {@code url} answers 200; false when the process died or time ran out. */
    public static boolean awaitOk(Process process, URI url, Duration timeout) throws InterruptedException {
        HttpRequest probe = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (HTTP.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        return false;
    }

    /**
     * Asks the process to stop (SIGTERM: Quarkus, GreenMail and Keycloak's kc.sh, which passes it on to its JVM,
     * shut down gracefully), then insists, on the process and on every process it started.
     */
    public static void stop(Process process, Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            for (ProcessHandle child : children) {
                awaitOrKill(child);
            }
        } catch (InterruptedException e) {
            children.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A grandchild left once its parent stopped (a JVM that kc.sh started) gets 5 s more, then is killed. */
    private static void awaitOrKill(ProcessHandle child) throws InterruptedException {
        try {
            child.onExit().get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            child.destroyForcibly();
        }
    }
}
