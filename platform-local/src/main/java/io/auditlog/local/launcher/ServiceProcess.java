package io.auditlog.local.launcher;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.auditlog.local.process.ChildProcesses;

/** One platform service running as a child process (java -jar its fast-jar), its output kept in a log file. */
final class ServiceProcess {

    private final PlatformService service;
    private final Path log;
    private Process process;

    ServiceProcess(PlatformService service, Path logDirectory) {
        this.service = service;
        this.log = logDirectory.resolve(service.name() + ".log");
    }

    void start(Map<String, String> environment) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(ChildProcesses.java(), "-jar", service.jar().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(service.port()));
        process = builder.start();
    }

    /** Waits until /q/health/ready answers 200; false when the process died or time ran out. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        return ChildProcesses.awaitOk(process, URI.create(service.url() + "/q/health/ready"), timeout);
    }

    void stop() {
        ChildProcesses.stop(process, Duration.ofSeconds(15));
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    PlatformService service() {
        return service;
    }

    Path log() {
        return log;
    }
}
