package io.auditlog.export.client;

import java.time.Duration;
import java.time.LocalDate;

import jakarta.enterprise.inject.spi.CDI;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.export.config.ExportConfig;

/** A client of the export-service's own kind, pointed at another audit-service URL (a test server). */
public final class AuditServiceClients {

    private AuditServiceClients() {
    }

    /**
     * The service's client with its report streams read from {@code url}; its checks and records, and its token,
     * stay the service's own (the application's CDI beans).
     */
    public static AuditServiceClient pointedAt(String url, ExportConfig config, ObjectMapper json) {
        CDI<Object> cdi = CDI.current();
        return new AuditServiceClient(withAuditUrl(url, config), json,
                cdi.select(AuditEventsApi.class, RestClient.LITERAL).get(),
                cdi.select(CallerQueryApi.class, RestClient.LITERAL).get(), cdi.select(ServiceTokens.class).get());
    }

    /** {@code config} with the audit-service at {@code url}; everything else as configured. */
    public static ExportConfig withAuditUrl(String url, ExportConfig config) {
        ExportConfig.Audit audit = new ExportConfig.Audit() {
            @Override
            public String url() {
                return url;
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
            public Metrics metrics() {
                return config.metrics();
            }

            @Override
            public Integrity integrity() {
                return config.integrity();
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
