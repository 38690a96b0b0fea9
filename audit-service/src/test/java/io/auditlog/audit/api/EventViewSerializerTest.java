package io.auditlog.audit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.Department;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.ItemType;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The hand-written EventView writer gives the bytes Jackson's record serialization gave, with the service's own
 * ObjectMapper (its date and inclusion settings): compared with the same mapper told to ignore the writer.
 */
@QuarkusTest
class EventViewSerializerTest {

    /** Puts back Jackson's default (reflective) serializer for EventView. */
    @JsonSerialize(using = JsonSerializer.None.class)
    interface Reflective {
    }

    @Inject
    ObjectMapper mapper;

    @Test
    void writesWhatTheReflectiveSerializerWrote() throws Exception {
        ObjectMapper reflective = mapper.copy().addMixIn(EventView.class, Reflective.class);
        Instant occurred = Instant.parse("2026-11-30T13:29:48.123456Z");
        Instant recorded = Instant.parse("2026-11-30T13:29:49Z");
        List<EventView> views = List.of(
                new EventView("evt-1", "acct-1", occurred, recorded, "CONTENT", "SHARING", "PUBLIC_LINK_CREATED",
                        new Actor("u-9", "cy@example.com", "Cy \"Ng\" \u00e6\u00f8\u00e5 \u2603 \ud83d\ude00 \u0001",
                                ActorType.STAFF, Department.CUSTOMER_SUPPORT, List.of("sales", "</script>")),
                        new EventObject("FILE", "f-1", "Q3 plan.pdf", "/Plans/Q3\\plan.pdf", ItemType.FILE),
                        new ContextView("203.0.113.7", "Mozilla/5.0 (X11)", "PASSWORD", "DK", "Capital", "Chrome 120",
                                "Linux", "Desktop"),
                        "{\"before\": {\"n\": 1e300, \"s\": \"x\\u0000\"}, \"list\": [1, 2.50, null]}",
                        new EventLinks("/api/v1/events/evt-1", "https://app.example.com/FILE/f-1")),
                new EventView("evt-2", "acct-1", occurred, recorded, "LOGIN", null, "LOGIN",
                        new Actor(null, null, null, null, null, Arrays.asList("a", null)), null,
                        new ContextView(null, null, null, null, null, null, null, null), null,
                        new EventLinks("/api/v1/events/evt-2", null)),
                new EventView("evt-3", "acct-1", occurred, recorded, "LOGIN", null, "LOGIN",
                        new Actor("u", null, null, ActorType.USER, null, List.of()),
                        new EventObject(null, null, null, null, null), null, "{}", null),
                new EventView(null, null, null, null, null, null, null, null, null, null, null, null),
                // Instants the fast writer leaves to Instant.toString(), and one a nanosecond past a whole minute.
                new EventView("evt-4", "acct-1", Instant.parse("+10000-01-01T00:00:00Z"),
                        Instant.parse("2026-11-30T13:29:00.000000001Z"), "LOGIN", null, "LOGIN", null, null, null, null,
                        null),
                new EventView("evt-5", "acct-1", Instant.parse("-0001-12-31T23:59:59Z"), Instant.MAX, "LOGIN", null,
                        "LOGIN", null, null, null, null, null));
        for (EventView view : views) {
            assertEquals(reflective.writeValueAsString(view), mapper.writeValueAsString(view));
        }
        FeedPageView page = new FeedPageView(views, "next", 9);
        assertEquals(reflective.writeValueAsString(page), mapper.writeValueAsString(page));
    }
}
