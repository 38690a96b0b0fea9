package io.auditlog.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.auditlog.audit.domain.EventCursor;
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
}
