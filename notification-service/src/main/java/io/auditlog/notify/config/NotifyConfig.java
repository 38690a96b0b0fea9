package io.auditlog.notify.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The notification-service's own settings; environment variables use the NOTIFY_ prefix. */
@ConfigMapping(prefix = "notify")
public interface NotifyConfig {

    /** The audit-service, whose change feed carries the alert-worthy events. */
    Producer audit();

    /** The export-service, whose export-ready feed says which reports to announce. */
    Producer exports();

    Feed feed();

    Mail mail();

    Links links();

    Alerts alerts();

    Metrics metrics();

    /** In-app notifications older than this are deleted (their emails went out long before). */
    @WithDefault("P180D")
    Duration retention();

    /** How often notifications past {@link #retention()} are looked for. */
    @WithDefault("1h")
    String retentionEvery();

    interface Metrics {
        /** How often the outbox is counted for the {@code notify.outbox.depth} gauges. */
        @WithDefault("15s")
        String refreshEvery();
    }

    interface Producer {
        /** Base URL of the service. */
        String url();

    }

    interface Feed {
        /** Records asked for per feed page (the producers serve at most 1000). */
        @WithDefault("1000")
        int pageSize();

        /**
         * Full pages read before one transaction applies them, while catching up: the audit feed's pages hold only
         * the alert actions, so most are empty or nearly, and a transaction per page would be most of the work.
         */
        @WithDefault("5")
        int pagesPerTransaction();

        /** How often the feeds are read when no NOTIFY arrives: a lost notification costs at most this much. */
        @WithDefault("2s")
        String pollEvery();
    }

    interface Mail {
        /** How often the outbox is looked at for sends that are due (new ones are sent at once). */
        @WithDefault("1s")
        String pollEvery();

        /** Wait before the first retry of a failed send; doubled for every further failure. */
        @WithDefault("PT2S")
        Duration retryInitial();

        /** Longest wait between two attempts. */
        @WithDefault("PT5M")
        Duration retryMax();

        /** A mail that could not be sent for this long is marked failed and no longer retried. */
        @WithDefault("P3D")
        Duration giveUpAfter();

        /** Longest wait for the SMTP server to take one mail; a send that takes longer is retried. */
        @WithDefault("PT30S")
        Duration sendTimeout();

        /** Domain part of the Message-ID of every mail (the left part is the notification id). */
        @WithDefault("notifications.auditlog.invalid")
        String messageIdDomain();
    }

    interface Links {
        /** Public base URL of the audit log entries: a mail links to {events-url}/{event id}. */
        @WithDefault("http://localhost:8080/log")
        String eventsUrl();

        /** Public base URL of the exports: a mail links to {exports-url}/{job id}. */
        @WithDefault("http://localhost:8080/reports")
        String exportsUrl();

        /** Where a recipient changes or ends their subscriptions (named in every mail and in List-Unsubscribe). */
        @WithDefault("http://localhost:8080/settings")
        String settingsUrl();
    }

    interface Alerts {
        /** The multiple-exports threshold of an account that has not set its own. */
        @WithDefault("10")
        int defaultExportThreshold();

        /**
         * Events that occurred longer ago than this when they reach the service raise no alert: an import of old
         * history, or a first start over a long log, must not flood admins with stale alarms.
         */
        @WithDefault("P2D")
        Duration maxEventAge();
    }
}
