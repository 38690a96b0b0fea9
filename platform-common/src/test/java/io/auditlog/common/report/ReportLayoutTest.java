package io.auditlog.common.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ReportLayoutTest {

    @Test
    void eachReportFixesTheFilterOfTheProductPages() {
        assertEquals(Optional.empty(), ReportLayout.AUDIT.category());
        assertEquals(Optional.of("CONTENT"), ReportLayout.CONTENT.category());
        assertEquals(Optional.empty(), ReportLayout.CONTENT.actorType());
        assertEquals(Optional.of("LOGIN"), ReportLayout.STAFF_ACCESS.category());
        assertEquals(Optional.of("STAFF"), ReportLayout.STAFF_ACCESS.actorType());
    }

    @Test
    void theFixedFilterWinsOverTheCallersOwn() {
        Map<String, List<String>> query = Map.of("category", List.of("SECURITY"), "actor", List.of("u1"));
        assertEquals(Map.of("category", List.of("LOGIN"), "actorType", List.of("STAFF"), "actor", List.of("u1")),
                ReportLayout.STAFF_ACCESS.narrow(query));
        assertEquals(query, ReportLayout.AUDIT.narrow(query));
    }

    @Test
    void layoutsAreFoundByTheirApiName() {
        assertEquals(Optional.of(ReportLayout.STAFF_ACCESS), ReportLayout.byId("staff-access"));
        assertEquals(Optional.empty(), ReportLayout.byId("STAFF_ACCESS"));
    }
}
