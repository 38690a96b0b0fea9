package io.auditlog.audit.config;

import java.time.Duration;
import java.util.Map;

import io.auditlog.audit.domain.Plan;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The audit-service's own settings; environment variables use the AUDIT_ prefix. */
@ConfigMapping(prefix = "audit")
public interface AuditConfig {

    Retention retention();

    Partitions partitions();

    Ingest ingest();

    Query query();

    Plans plans();

    Links links();

    LogAccess logAccess();

    interface Retention {
        /** Days an event is kept; older monthly partitions are dropped whole. */
        @WithDefault("400")
        int days();
    }

    interface Partitions {
        /** Months of partitions created ahead of the current one. */
        @WithDefault("3")
        int monthsAhead();

        /** How often partitions are created ahead and expired ones dropped (also done at start). */
        @WithDefault("6h")
        String checkEvery();
    }

    interface Ingest {
        /** Largest batch one POST may carry. */
        @WithDefault("1000")
        int maxBatch();

        /** How far in the future an event's occurredAt may lie (clock skew of producers). */
        @WithDefault("PT24H")
        Duration maxFutureSkew();
    }

    interface Query {
        /** Page size when the caller gives no limit. */
        @WithDefault("50")
        int defaultLimit();

        /** Largest page size a caller may ask for. */
        @WithDefault("500")
        int maxLimit();

        /** The period the built-in views cover. */
        @WithDefault("P30D")
        Duration viewPeriod();
    }

    interface Plans {
        /** The plan of an account that has none set. */
        @WithDefault("ENTERPRISE")
        Plan defaultPlan();

        /** Plans fixed by configuration per account id (audit.plans.accounts."acme"=STARTER); these win. */
        Map<String, Plan> accounts();
    }

    interface Links {
        /** Where a console shows an event's object; {type} and {id} are replaced, URL-encoded. The default is the
         *  object's history in the console's log; a producer whose product shows the record itself sets its own. */
        @WithDefault("/log?objectType={type}&objectId={id}")
        String objectUrlTemplate();
    }

    interface LogAccess {
        /**
         * Whether people's reads of the log (searches, entries opened, exports streamed to a person) are recorded as
         * AUDIT_LOG events. Off only to measure what recording costs (bench/); an audit log records its own readers.
         */
        @WithDefault("true")
        boolean enabled();

        /** One person's same search, or same entry opened, within this time writes one event. */
        @WithDefault("PT5M")
        Duration window();

        /**
         * How long the coalescing rows (audit.log_access) are kept: the next page of a search whose row is gone
         * writes a new event. At least the window.
         */
        @WithDefault("P1D")
        Duration keep();

        /** How often rows older than {@code keep} are deleted. */
        @WithDefault("1h")
        String purgeEvery();
    }
}
