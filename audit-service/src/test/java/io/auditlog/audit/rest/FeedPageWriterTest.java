package io.auditlog.audit.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.api.ContextView;
import io.auditlog.audit.api.EventLinks;
import io.auditlog.audit.api.EventView;
import io.auditlog.audit.api.FeedPageView;
import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.FeedPageEnd;
import io.auditlog.common.feed.FeedPosition;
import io.quarkus.test.junit.QuarkusTest;

/** The feed's page writer gives the bytes the service's mapper writes for the page record. */
@QuarkusTest
class FeedPageWriterTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void writesWhatTheMapperWritesForThePage() throws Exception {
        FeedPosition next = new FeedPosition("123456", 42);
        for (int size : new int[] { 0, 1, 3, 1500 }) {
            List<EventView> views = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                views.add(new EventView("evt-" + i, "acct-1", Instant.parse("2026-11-30T13:29:48.123456Z").plusSeconds(i),
                        Instant.parse("2026-11-30T13:29:49Z"), "CONTENT", i % 2 == 0 ? null : "SHARING", "CREATED",
                        new Actor("u-" + i, "cy@example.com", "Cy \"Ng\" \u00e6 \ud83d\ude00", ActorType.USER, null,
                                List.of("sales")),
                        new EventObject("FILE", "f-" + i, "Q3 plan.pdf", null, null),
                        new ContextView("203.0.113.7", "Mozilla/5.0", null, "DK", null, "Chrome 120", "Linux",
                                "Desktop"),
                        "{\"n\": " + i + ", \"s\": \"x\\u0000\"}", new EventLinks("/api/v1/events/evt-" + i, null)));
            }
            // Sized for fewer items than it gets: the buffer grows.
            FeedPageWriter writer = new FeedPageWriter(mapper, Math.min(size, 100));
            views.forEach(writer::item);
            String written = writer.finish(new FeedPageEnd(next, size + 7)).toString(StandardCharsets.UTF_8);
            // As bytes, as the resource sent the record before: Jackson's UTF-8 writer escapes a surrogate pair.
            assertEquals(new String(mapper.writeValueAsBytes(new FeedPageView(views, next.encode(), size + 7)),
                    StandardCharsets.UTF_8), written, "page of " + size);
        }
    }
}
