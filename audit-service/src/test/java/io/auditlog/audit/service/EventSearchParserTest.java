package io.auditlog.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.auditlog.common.problem.ProblemException;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EventSearchParserTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

    @Inject
    EventSearchParser parser;

    @Test
    void aViewSetsItsPeriodAndCategory() {
        EventSearch search = parser.parse(params("login-history", null, null, List.of(), null, null), NOW);
        assertEquals(NOW.minus(Duration.ofDays(30)), search.filter().from());
        assertEquals(List.of("LOGIN"), search.filter().categories());
        assertEquals(50, search.limit());
    }

    @Test
    void listsTakeRepeatsAndCommasAndDropDuplicates() {
        EventSearch search = parser.parse(params(null, null, null, List.of("LOGIN,SECURITY", "LOGIN"), null, "500"), NOW);
        assertEquals(List.of("LOGIN", "SECURITY"), search.filter().categories());
        assertEquals(500, search.limit());
    }

    @Test
    void timestampsNeedAnOffset() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> parser.parse(params(null, "2026-11-20T10:00:00", null, List.of(), null, null), NOW));
        assertEquals("from", e.errors().get(0).field());
        EventSearch ok = parser.parse(params(null, "2026-11-20T10:00:00+02:00", null, List.of(), null, null), NOW);
        assertEquals(Instant.parse("2026-11-20T08:00:00Z"), ok.filter().from());
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> parser.parse(params("nope", "x", "y", List.of("NOPE"), "abc", "-1"), NOW));
        assertEquals(List.of("view", "from", "to", "category", "limit", "cursor"),
                e.errors().stream().map(p -> p.field()).toList());
    }

    private static EventSearchParams params(String view, String from, String to, List<String> category,
            String cursor, String limit) {
        return new EventSearchParams(view, from, to, category, List.of(), List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), null, limit, cursor, null, null);
    }
}
