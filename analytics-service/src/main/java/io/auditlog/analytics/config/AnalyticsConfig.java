package io.auditlog.analytics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The analytics-service's own settings; environment variables use the ANALYTICS_ prefix. */
@ConfigMapping(prefix = "analytics")
public interface AnalyticsConfig {

    Audit audit();

    Feed feed();

    Metrics metrics();

    /** The longest range one dashboard request may cover, in days. */
    @WithDefault("400")
    int maxRangeDays();

    /** How many entries a top-actors or top-objects answer holds at most. */
    @WithDefault("100")
    int maxTop();

    interface Audit {
        /** Base URL of the audit-service. */
        String url();
    }

    interface Feed {
        /** How often the consumer looks for new events (NOTIFY audit_feed wakes it sooner). */
        @WithDefault("2s")
        String pollEvery();

        /** Events asked for per feed page (the audit-service allows up to 1000). */
        @WithDefault("1000")
        int pageSize();

        /**
         * Full feed pages read before one write transaction applies them together: catching up, fewer and larger
         * upserts; live, pages are rarely full and each is applied at once.
         */
        @WithDefault("5")
        int pagesPerTransaction();

        /** Whether this replica consumes the feed at all (off: it only answers dashboards). */
        @WithDefault("true")
        boolean enabled();
    }

    interface Metrics {
        /**
         * How often the rollup metrics are sampled: the stored feed position and events applied, and whether the
         * feed has an event after that position (the lag's resolution).
         */
        @WithDefault("10s")
        String sampleEvery();
    }
}
