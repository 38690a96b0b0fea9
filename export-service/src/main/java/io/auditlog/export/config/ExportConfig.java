package io.auditlog.export.config;

import java.time.Duration;
import java.time.LocalDate;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The export-service's own settings; environment variables use the EXPORT_ prefix. */
@ConfigMapping(prefix = "export")
public interface ExportConfig {

    Audit audit();

    Worker worker();

    Metrics metrics();

    /** How far back a report may reach (the product pages: the last 90 days). */
    @WithDefault("P90D")
    Duration lookback();

    /** No report may start before the feature's launch date (UTC). */
    @WithDefault("2026-01-01")
    LocalDate launchDate();

    /** How long a finished report stays downloadable. */
    @WithDefault("P7D")
    Duration retention();

    /**
     * Largest size of one report file (100 MB); a larger report is split between records, each file a complete CSV
     * with its header. Only a single record larger than this makes a file larger.
     */
    @WithDefault("104857600")
    long maxFileBytes();

    /** Size of the chunks files are stored and streamed in. */
    @WithDefault("1048576")
    int chunkBytes();

    interface Audit {
        /** Base URL of the audit-service. */
        String url();

        /** Longest wait for a new connection to the audit-service. */
        @WithDefault("PT5S")
        Duration connectTimeout();
    }

    interface Worker {
        /** How often an idle worker looks for queued jobs (NOTIFY export_jobs wakes it sooner). */
        @WithDefault("2s")
        String pollEvery();

        /** A running job whose heartbeat is older than this is taken over by another worker. */
        @WithDefault("PT30S")
        Duration staleAfter();

        /** How often a running job records its progress and heartbeat. */
        @WithDefault("PT2S")
        Duration heartbeatEvery();

        /** How often expired reports are purged. */
        @WithDefault("1h")
        String purgeEvery();
    }

    interface Metrics {
        /** How often the jobs are counted by state for the {@code export.jobs} gauges. */
        @WithDefault("30s")
        String refreshEvery();
    }
}
