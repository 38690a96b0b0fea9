package io.auditlog.export.client;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.export.config.ExportConfig;

/** A client of the export-service's own kind, pointed at another audit-service URL (a test server). */
public final class AuditServiceClients {

    private AuditServiceClients() {
    }

    public static AuditServiceClient pointedAt(String url, ExportConfig config, ObjectMapper json) {
        return new AuditServiceClient(withAuditUrl(url, config), json);
    }

    /** {@code config} with the audit-service at {@code url}; everything else as configured. */
    public static ExportConfig withAuditUrl(String url, ExportConfig config) {
        ExportConfig.Audit audit = new ExportConfig.Audit() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public Optional<String> token() {
                return config.audit().token();
            }

            @Override
            public Duration timeout() {
                return config.audit().timeout();
            }

            @Override
            public Duration connectTimeout() {
                return config.audit().connectTimeout();
            }
        };
        return new ExportConfig() {
            @Override
            public Audit audit() {
                return audit;
            }

            @Override
            public Worker worker() {
                return config.worker();
            }

            @Override
            public Duration lookback() {
                return config.lookback();
            }

            @Override
            public LocalDate launchDate() {
                return config.launchDate();
            }

            @Override
            public Duration retention() {
                return config.retention();
            }

            @Override
            public long maxFileBytes() {
                return config.maxFileBytes();
            }

            @Override
            public int chunkBytes() {
                return config.chunkBytes();
            }
        };
    }
}
