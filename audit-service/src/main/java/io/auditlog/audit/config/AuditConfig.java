package io.auditlog.audit.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

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

    Integrity integrity();

    Restore restore();

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

        /**
         * How many recorded reads each replica remembers until their window ends, so repeating one asks no
         * database; 0 asks the database for every read.
         */
        @WithDefault("10000")
        int remember();

        /**
         * How long after a read's event is written this replica rings the feed's doorbell: the events written within
         * that time share one ring. 0 rings at once, without waiting.
         */
        @WithDefault("50ms")
        Duration ringAfter();
    }

    /** The tamper-evident log (docs/architecture.md "Integrity"). */
    interface Integrity {
        /** Whether this replica seals the change feed into the accounts' Merkle trees and signs tree heads. */
        @WithDefault("true")
        boolean enabled();

        /**
         * The Ed25519 private key (PKCS#8 PEM, as {@code openssl genpkey -algorithm ed25519} writes it; in Kubernetes
         * a mounted Secret). Without one, leaves are sealed but no tree head is signed (a warning at start).
         */
        Optional<String> signingKeyFile();

        /** The signing key's id, published with its public key; a new key needs a new id. */
        @WithDefault("audit-1")
        String signingKeyId();

        /** Create the key file (0600) when it does not exist: the local run and the tests, never production. */
        @WithDefault("false")
        boolean generateKeyIfMissing();

        /** Earlier public keys still published (a JWK set file), so heads they signed stay verifiable after rotation. */
        Optional<String> publishedKeysFile();

        /** How often trees that grew get a new signed head. */
        @WithDefault("5s")
        String signEvery();

        /** A tree that did not grow is signed again after this long, so a head is never older (at least hourly). */
        @WithDefault("PT1H")
        Duration headMaxAge();

        /** Events read per feed page by the sealer. */
        @WithDefault("1000")
        int pageSize();

        /** Full pages sealed in one transaction while catching up. */
        @WithDefault("5")
        int pagesPerTransaction();

        /**
         * How long the sealer, woken while idle, waits before it reads the feed: under a trickle of small writes (a
         * person's every search writes one event) one pass seals them all instead of one pass, with its
         * transaction, per event. Sealing lags by up to this much more; heads are signed every few seconds anyway.
         */
        @WithDefault("250ms")
        Duration settle();

        /** How often the sealer looks at the feed without a doorbell. */
        @WithDefault("10s")
        String pollEvery();

        /**
         * Whether this replica runs the sealing loop itself (woken by the feed's doorbell and the poll). Off, it
         * still serves the integrity API and signs heads while other replicas seal: to keep sealing off replicas
         * that should only ingest and answer. The sealer's advisory lock lets one replica seal at a time either way.
         */
        @WithDefault("true")
        boolean sealInBackground();
    }

    /** Restore from the log: producers' endpoints and the delivery job (docs/architecture.md). */
    interface Restore {
        /** Days after a deletion (its occurredAt) within which it can be restored. */
        @WithDefault("90")
        int windowDays();

        /**
         * Whether endpoints may be plain http and point at loopback, private or link-local addresses. Off in
         * production (https to public addresses only, against SSRF); the local run and the tests turn it on.
         */
        @WithDefault("false")
        boolean allowInsecureUrls();

        /** The AES-256 key (base64 of 32 bytes) that encrypts endpoint secrets; without one, registration is 503. */
        Optional<String> encryptionKey();

        /** The id stored with each secret encrypted by {@link #encryptionKey()}. */
        @WithDefault("k1")
        String encryptionKeyId();

        /** Earlier keys by id (base64), still read for secrets they encrypted, after a rotation. */
        Map<String, String> previousKeys();

        /** How often the delivery job looks for due restores. */
        @WithDefault("2s")
        String pollEvery();

        /** Timeout of one request to a producer. */
        @WithDefault("PT10S")
        Duration requestTimeout();

        /** How long a claimed restore stays with the replica that claimed it; must exceed the request timeout. */
        @WithDefault("PT1M")
        Duration lease();

        /** Wait before the first retry; it doubles on each retry. */
        @WithDefault("PT5S")
        Duration firstRetry();

        /** Longest wait between two retries. */
        @WithDefault("PT10M")
        Duration maxRetry();

        /** A restore the producer has not accepted this long after the request fails. */
        @WithDefault("PT24H")
        Duration maxAge();

        /** Most requests one replica has in flight to one account's endpoint. */
        @WithDefault("2")
        int perAccount();

        /** Most requests one replica has in flight in all. */
        @WithDefault("32")
        int maxInFlight();
    }
}
