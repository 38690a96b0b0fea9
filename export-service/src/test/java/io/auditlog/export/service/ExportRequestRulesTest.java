package io.auditlog.export.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.export.api.ExportRequest;
import io.auditlog.export.config.ExportConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The period rules against a clock the test controls ({@code now} is passed in, the launch date is configured
 * relative to it): the launch-date rule and the 90-day rule are each tested where the other does not apply, so
 * deleting either one fails a case here.
 */
class ExportRequestRulesTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aPeriodStartingBeforeTheLaunchIsRefusedForTheLaunchEvenWithinTheLast90Days() {
        LocalDate launch = day(NOW.minus(30, ChronoUnit.DAYS));
        ExportRequestRules rules = rules(launch);

        FieldProblem problem = refused(rules, request(launch.minusDays(1).toString(), null));
        assertEquals("from", problem.field());
        assertTrue(problem.reason().contains("launch on " + launch), problem.reason());

        ExportRequestRules.Checked accepted = rules.check(request(launch.toString(), null), NOW);
        assertEquals(launch.atStartOfDay(ZoneOffset.UTC).toInstant(), accepted.from(), "the launch day itself is fine");
    }

    @Test
    void aPeriodEndingByTheLaunchIsRefusedNamingTo() {
        LocalDate launch = day(NOW.minus(30, ChronoUnit.DAYS));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> rules(launch).check(request(launch.minusDays(2).toString(), launch.toString()), NOW));
        FieldProblem problem = refused.errors().get(0);
        assertEquals("to", problem.field(), refused.errors().toString());
        assertTrue(problem.reason().contains("launch on " + launch), problem.reason());
    }

    @Test
    void aPeriodStartingMoreThan90DaysAgoIsRefusedForThe90DaysLongAfterTheLaunch() {
        LocalDate launch = day(NOW.minus(400, ChronoUnit.DAYS));
        ExportRequestRules rules = rules(launch);

        FieldProblem problem = refused(rules, request(day(NOW.minus(91, ChronoUnit.DAYS)).toString(), null));
        assertEquals("from", problem.field());
        assertTrue(problem.reason().contains("last 90 days"), problem.reason());

        Instant eightyNine = NOW.minus(89, ChronoUnit.DAYS);
        assertEquals(day(eightyNine).atStartOfDay(ZoneOffset.UTC).toInstant(),
                rules.check(request(day(eightyNine).toString(), null), NOW).from());
    }

    /** A blank from or to is the default period's, as an absent one: never a report without a start. */
    @Test
    void aBlankFromOrToIsTheDefaultPeriod() {
        ExportRequestRules rules = rules(day(NOW.minus(400, ChronoUnit.DAYS)));
        for (String blank : java.util.Arrays.asList(null, "", "   ")) {
            ExportRequestRules.Checked checked = rules.check(request(blank, blank), NOW);
            assertEquals(NOW, checked.to(), "blank to " + blank);
            assertEquals(NOW.minus(30, ChronoUnit.DAYS), checked.from(), "blank from " + blank);
        }
    }

    /** A built-in view or a saved view's id goes to the audit-service as its view parameter; nothing else does. */
    @Test
    void aViewIsABuiltInViewOrASavedViewsId() {
        ExportRequestRules rules = rules(day(NOW.minus(400, ChronoUnit.DAYS)));
        String saved = "3f2b8c1e-6a4d-4f7e-9b2a-0c5d7e8f9a1b";
        assertEquals(List.of(saved), rules.check(viewRequest(saved), NOW).query().get("view"));
        assertEquals(List.of("login-history"), rules.check(viewRequest("login-history"), NOW).query().get("view"));
        for (String bad : List.of("mine", saved.toUpperCase(java.util.Locale.ROOT), "3f2b8c1e-6a4d-4f7e-9b2a-0c5d7e8f9a1",
                "1-1-1-1-1")) {
            assertEquals("viewId", refused(rules, viewRequest(bad)).field(), bad);
        }
    }

    private static ExportRequest viewRequest(String viewId) {
        return new ExportRequest("audit-log", null, null, null, "UTC", null, viewId);
    }

    private static FieldProblem refused(ExportRequestRules rules, ExportRequest request) {
        ProblemException refused = assertThrows(ProblemException.class, () -> rules.check(request, NOW));
        assertEquals(400, refused.status());
        List<FieldProblem> errors = refused.errors();
        assertEquals(1, errors.size(), errors.toString());
        return errors.get(0);
    }

    private static ExportRequest request(String from, String to) {
        return new ExportRequest("audit-log", null, from, to, "UTC", null, null);
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The rules with the service's defaults and this launch date. */
    private static ExportRequestRules rules(LocalDate launch) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(ExportConfig.class)
                .withDefaultValue("export.audit.url", "http://audit.invalid")
                .withDefaultValue("export.launch-date", launch.toString()).build();
        return new ExportRequestRules(config.getConfigMapping(ExportConfig.class));
    }
}
