package io.auditlog.local.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.auditlog.local.process.ChildProcesses;

/**
 * A local SMTP server that keeps every mail instead of delivering it (GreenMail standalone, as its own process),
 * with a REST API where a person reads what the platform sent.
 */
final class MailSink {

    static final int SMTP_PORT = 2525;
    static final int API_PORT = 8025;

    private final Path jar;
    private final Path log;
    private Process process;

    MailSink(Path launcherDirectory, Path logDirectory) {
        this.jar = launcherDirectory.resolve("mail-sink/greenmail-standalone.jar");
        this.log = logDirectory.resolve("mail-sink.log");
    }

    boolean available() {
        return Files.isRegularFile(jar);
    }

    void start() throws IOException {
        Files.createDirectories(log.getParent());
        process = new ProcessBuilder(ChildProcesses.java(),
                "-Dgreenmail.smtp.hostname=127.0.0.1", "-Dgreenmail.smtp.port=" + SMTP_PORT,
                "-Dgreenmail.api.hostname=127.0.0.1", "-Dgreenmail.api.port=" + API_PORT,
                "-Dgreenmail.auth.disabled", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ChildProcesses.awaitOk(process, URI.create(apiUrl() + "/api/configuration"), timeout);
    }

    /** How the services reach it (standard Quarkus mailer settings). */
    Map<String, String> environment() {
        return Map.of("QUARKUS_MAILER_HOST", "127.0.0.1", "QUARKUS_MAILER_PORT", String.valueOf(SMTP_PORT),
                "QUARKUS_MAILER_TLS", "false", "QUARKUS_MAILER_START_TLS", "DISABLED",
                "QUARKUS_MAILER_FROM", "audit-platform@localhost", "QUARKUS_MAILER_MOCK", "false");
    }

    String apiUrl() {
        return "http://localhost:" + API_PORT;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    void stop() {
        ChildProcesses.stop(process, Duration.ofSeconds(10));
    }
}
