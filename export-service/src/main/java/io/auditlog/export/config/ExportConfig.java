package io.auditlog.export.config;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The export-service's own settings; environment variables use the EXPORT_ prefix. */
@ConfigMapping(prefix = "export")
public interface ExportConfig {

    Audit audit();

    Worker worker();

    Metrics metrics();

    Integrity integrity();

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

    /** Signed report manifests and per-row proofs (docs/architecture.md "Signed report manifests"). */
    interface Integrity {
        /**
         * The Ed25519 private key (PKCS#8 PEM) the audit-service signs tree heads with: the same Secret mounted in
         * both, so a customer checks heads and manifests with one published key set. Read on the first manifest and
         * kept. Without it reports complete without a manifest (a warning), as the audit-service then signs no heads.
         */
        Optional<String> signingKeyFile();

        /** The key's id, as the audit-service publishes it (its {@code audit.integrity.signing-key-id}). */
        @WithDefault("audit-1")
        String signingKeyId();

        /**
         * Rows per chunk of an NDJSON report's proof file, each chunk one multiproof request to the audit-service
         * (at most its 10,000) and one multiproof against the same root, so no one holds a whole report's proof.
         */
        @WithDefault("10000")
        int proofChunkRows();

        /**
         * How long a run waits for a signed head that covers all of its rows (one is signed every 5 s); past it the
         * attempt is given up and the job is claimed again later, never failed.
         */
        @WithDefault("PT60S")
        Duration headWait();
    }

    interface Metrics {
        /** How often the jobs are counted by state for the {@code export.jobs} gauges. */
        @WithDefault("30s")
        String refreshEvery();
    }
}
