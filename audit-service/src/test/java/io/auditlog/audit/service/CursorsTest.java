package io.auditlog.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.auditlog.audit.domain.EventCursor;
import io.auditlog.common.time.StorableTime;
import io.auditlog.common.feed.FeedPosition;

class CursorsTest {

    @Test
    void anEventCursorRoundTripsToTheMicrosecond() {
        EventCursor cursor = new EventCursor(Instant.parse("2026-11-20T10:15:30.123456Z"), 42);
        assertEquals(cursor, EventCursor.decode(cursor.encode()).orElseThrow());
    }

    @Test
    void aFeedPositionRoundTrips() {
        FeedPosition position = new FeedPosition("18446744073709551", 7);
        assertEquals(position, FeedPosition.decode(position.encode()).orElseThrow());
    }

    @Test
    void foreignStringsAreNotCursors() {
        for (String bad : new String[] { "", "%%%", "ZTE6YWJjOjE", "ZjE6MTox", "eDE6MTox" }) {
            assertTrue(EventCursor.decode(bad).isEmpty(), bad);
        }
        for (String bad : new String[] { "%%%", "ZTE6MTox", "ZjE6LTE6MQ", "ZjE6MTsgRFJPUCBUQUJMRTox" }) {
            assertTrue(FeedPosition.decode(bad).isEmpty(), bad);
        }
    }

    /** A cursor is text from the caller: one whose time PostgreSQL cannot hold was a 500 at the query. */
    @Test
    void aCursorHoldsOnlyTimesTheLogCanStore() {
        EventCursor first = new EventCursor(StorableTime.MIN, 1);
        assertEquals(first, EventCursor.decode(first.encode()).orElseThrow());
        EventCursor last = new EventCursor(StorableTime.END.minusNanos(1000), 1);
        assertEquals(last, EventCursor.decode(last.encode()).orElseThrow());
        for (String raw : new String[] { "e1:" + Long.MAX_VALUE + ":1", "e1:" + Long.MIN_VALUE + ":1",
                "e1:+1:1", "e1:1:+1", "e1:١:1",
                "e1:1:99999999999999999999", "e1::1" }) {
            String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
            assertTrue(EventCursor.decode(encoded).isEmpty(), raw);
        }
        assertTrue(EventCursor.decode(new EventCursor(StorableTime.END, 1).encode()).isEmpty(), "year 10000");
        assertTrue(EventCursor.decode("A".repeat(5_000)).isEmpty());
    }
}
