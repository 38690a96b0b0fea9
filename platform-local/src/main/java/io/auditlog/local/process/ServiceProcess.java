package io.auditlog.local.process;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A platform service's packaged jar running as a child process ({@code java [options] -jar jar}), configured
 * through its environment, on the port it is given, its output in a log file: the one runner of the local launcher,
 * the tests ({@link ServiceJar}) and the benchmarks. {@link #close()} stops it and anything it started.
 *
 * <pre>
 * try (ServiceProcess audit = ServiceProcess.jar("audit-service", jar).port(8081).environment(env).log(log).start()) {
 *     audit.awaitReady(Duration.ofSeconds(90));
 * }
 * </pre>
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final Process process;
    private final Path log;
    private final URI baseUri;
    private final long startedNanos;
    private final Thread shutdownHook;

    private ServiceProcess(Options options, Process process, long startedNanos) {
        this.name = options.name;
        this.process = process;
        this.log = options.log;
        this.baseUri = URI.create("http://127.0.0.1:" + options.port);
        this.startedNanos = startedNanos;
        this.shutdownHook = options.stopOnExit ? new Thread(this::stop, name + "-stop") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** A runner of {@code jar}; {@code name} (the service's module) names it in messages and in the build hint. */
    public static Options jar(String name, Path jar) {
        return new Options(name, jar);
    }

    /** How the service is started; {@link #start()} starts it. */
    public static final class Options {
        private final String name;
        private final Path jar;
        private int port;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> javaOptions = new ArrayList<>();
        private Path log;
        private boolean appendLog;
        private Path directory;
        private boolean stopOnExit;

        private Options(String name, Path jar) {
            this.name = name;
            this.jar = jar;
        }

        /** The HTTP port (QUARKUS_HTTP_PORT). */
        public Options port(int port) {
            this.port = port;
            return this;
        }

        /** Variables added to the inherited environment. */
        public Options environment(Map<String, String> environment) {
            this.environment.putAll(environment);
            return this;
        }

        /** JVM options, space separated (as a benchmark's --service-java-opts gives them). */
        public Options javaOptions(String options) {
            for (String option : options.trim().split("\\s+")) {
                if (!option.isEmpty()) {
                    javaOptions.add(option);
                }
            }
            return this;
        }

        /** The file the output goes to: truncated, or appended to when {@code append}. */
        public Options log(Path log, boolean append) {
            this.log = log.toAbsolutePath();
            this.appendLog = append;
            return this;
        }

        public Options log(Path log) {
            return log(log, false);
        }

        public Options directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** Stop the service when this JVM exits, however it exits (a benchmark that dies or is interrupted). */
        public Options stopOnExit() {
            this.stopOnExit = true;
            return this;
        }

        public ServiceProcess start() throws IOException {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("No " + name + " jar at " + jar + "; build it with ./mvnw -q "
                        + "-DskipTests -pl " + name + " -am package");
            }
            if (port <= 0 || log == null) {
                throw new IllegalArgumentException("A service process needs a port and a log file");
            }
            List<String> command = new ArrayList<>();
            command.add(ChildProcesses.java());
            command.addAll(javaOptions);
            command.add("-jar");
            command.add(jar.toString());
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                            : ProcessBuilder.Redirect.to(log.toFile()));
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            long started = System.nanoTime();
            return new ServiceProcess(this, builder.start(), started);
        }
    }

    /**
     * Waits until GET /q/health/ready answers 200 and answers the time from the start of the process to then; an
     * {@link IllegalStateException} with the end of the log when the process exits first or time runs out.
     */
    public Duration awaitReady(Duration timeout) throws InterruptedException {
        if (ChildProcesses.awaitOk(process, baseUri.resolve("/q/health/ready"), timeout)) {
            return Duration.ofNanos(System.nanoTime() - startedNanos);
        }
        String what = process.isAlive() ? "was not ready within " + timeout.toSeconds() + "s"
                : "exited with code " + process.exitValue() + " before it was ready";
        throw new IllegalStateException("The " + name + " " + what + "; the end of " + log + ":\n" + tail(60));
    }

    /** The last lines of the service's log. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public String name() {
        return name;
    }

    /** http://127.0.0.1:PORT */
    public URI baseUri() {
        return baseUri;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The process itself, for callers that manage it as a plain {@link Process} (see {@link ServiceJar}). */
    Process process() {
        return process;
    }

    /** SIGTERM (Quarkus shuts down gracefully), then, after {@code grace}, SIGKILL to it and what it started. */
    public void stop(Duration grace) {
        ChildProcesses.stop(process, grace);
    }

    private void stop() {
        stop(STOP_GRACE);
    }

    @Override
    public void close() {
        stop();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway and finds the process stopped
            }
        }
    }
}
