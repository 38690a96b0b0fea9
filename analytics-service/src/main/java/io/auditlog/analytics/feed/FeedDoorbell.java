package io.auditlog.analytics.feed;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.auditlog.common.work.Doorbells;
import io.quarkus.runtime.StartupEvent;

/** NOTIFY audit_feed wakes the consumer; the feed is the truth and the consumer's timer polls too. */
@ApplicationScoped
public class FeedDoorbell {

    private final FeedConsumer consumer;
    private final Doorbells doorbells;

    FeedDoorbell(FeedConsumer consumer, Doorbells doorbells) {
        this.consumer = consumer;
        this.doorbells = doorbells;
    }

    void start(@Observes StartupEvent event) {
        doorbells.listen("analytics-service-listener", Map.of("audit_feed", consumer::wake));
    }
}
