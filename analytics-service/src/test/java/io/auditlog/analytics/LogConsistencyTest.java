package io.auditlog.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.analytics.support.Analytics;
import io.auditlog.analytics.support.Audit;
import io.auditlog.analytics.support.Dataset;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every count the dashboards give equals what its own log link lists when the real audit-service is asked (paging
 * through every cursor), and equals the count made here from the events sent, in whole-hour, half-hour and
 * quarter-hour zones and across a DST change: the week around New York's latest fall-back (a Sunday early in
 * November, found in the zone rules, so the dates stay within what ingest accepts whenever the test runs; Adelaide,
 * +10:30 then, is in summer time).
 */
@QuarkusTest
class LogConsistencyTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** New York's latest fall-back day whose week (to Thursday) is over: a 25-hour local day. */
    private static final LocalDate FALL_BACK = latestFallBack(NEW_YORK, Instant.now().minus(Duration.ofDays(5)));
    /** Thursday to Thursday around it. */
    private static final String FROM = FALL_BACK.minusDays(3).toString();
    private static final String TO = FALL_BACK.plusDays(4).toString();
    private static String account;
    private static Dataset dataset;

    /** The local date of the latest transition before {@code before} that turns the clocks back. */
    static LocalDate latestFallBack(ZoneId zone, Instant before) {
        ZoneOffsetTransition transition = zone.getRules().previousTransition(before);
        while (transition != null && !transition.isOverlap()) {
            transition = zone.getRules().previousTransition(transition.getInstant());
        }
        if (transition == null) {
            throw new IllegalStateException(zone + " has no fall-back before " + before);
        }
        return transition.getDateTimeBefore().toLocalDate();
    }

    /** One account with its events for the whole class (recorded once, read by every test). */
    static synchronized String account() throws Exception {
        if (account == null) {
            String created = Audit.newAccount();
            LocalDate day = FALL_BACK;
            Dataset data = Dataset.of(7, day.minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    day.plusDays(3).atStartOfDay(ZoneOffset.UTC).toInstant(),
                    400, List.of(Dataset.dayStart("America/New_York", day.toString()),
                            Dataset.dayStart("America/New_York", day.plusDays(1).toString()),
                            Dataset.dayStart("Asia/Kolkata", day.toString()),
                            Dataset.dayStart("Asia/Kathmandu", day.plusDays(1).toString()),
                            Dataset.dayStart("Australia/Adelaide", day.plusDays(2).toString()),
                            Dataset.dayStart("UTC", day.plusDays(1).toString())));
            Audit.record(created, data.events());
            dataset = data;
            account = created;
        }
        return account;
    }

    /** What the tests below rely on, whichever year the fall-back was found in. */
    @BeforeAll
    static void theWeekCrossesTheFallBack() {
        assertEquals(DayOfWeek.SUNDAY, FALL_BACK.getDayOfWeek());
        assertEquals(Duration.ofHours(25), Duration.between(FALL_BACK.atStartOfDay(NEW_YORK),
                FALL_BACK.plusDays(1).atStartOfDay(NEW_YORK)));
        assertEquals(ZoneOffset.ofHoursMinutes(10, 30), ZoneId.of("Australia/Adelaide").getRules()
                .getOffset(FALL_BACK.atStartOfDay(ZoneOffset.UTC).toInstant()), "Adelaide in summer time");
        assertTrue(Duration.between(FALL_BACK.minusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant(), Instant.now())
                .toDays() < 390, "the events are within the 400 days ingest accepts");
    }

    @ParameterizedTest
    @ValueSource(strings = { "UTC", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Adelaide" })
    void summaryCountsAreWhatTheLogListsPerLocalDay(String zone) throws Exception {
        String account = account();
        long logins = dataset.count(Dataset.category("LOGIN"));
        JsonNode summary = Analytics.await(account, "summary", Map.of("from", FROM, "to", TO, "tz", zone),
                s -> Analytics.total(s, "logins") == logins
                        && Analytics.total(s, "deletions") == dataset.count(Dataset.action("DELETE", "PERMANENT_DELETE"))
                        && Analytics.total(s, "exports") == dataset.count(Dataset.category("EXPORT"))
                        && Analytics.total(s, "reports") == dataset.count(Dataset.category("REPORT")));

        assertEquals(7, summary.path("days").size());
        for (JsonNode day : summary.path("days")) {
            LocalDate date = LocalDate.parse(day.path("date").asText());
            assertEquals(date.atStartOfDay(java.time.ZoneId.of(zone)).toInstant().toString(), day.path("from").asText());
            assertEquals(dataset.count(Dataset.onLocalDate(zone, date).and(Dataset.category("LOGIN"))),
                    day.path("logins").path("count").asLong(), "logins on " + date + " in " + zone);
            assertEquals(dataset.count(Dataset.onLocalDate(zone, date).and(Dataset.action("DELETE", "PERMANENT_DELETE"))),
                    day.path("deletions").path("count").asLong(), "deletions on " + date + " in " + zone);
        }
        if (zone.equals("America/New_York")) {
            JsonNode fallBack = summary.path("days").get(3);
            assertEquals(FALL_BACK.toString(), fallBack.path("date").asText());
            assertEquals(FALL_BACK.atStartOfDay(ZoneOffset.ofHours(-4)).toInstant().toString(),
                    fallBack.path("from").asText(), "midnight EDT");
            assertEquals(FALL_BACK.plusDays(1).atStartOfDay(ZoneOffset.ofHours(-5)).toInstant().toString(),
                    fallBack.path("to").asText(), "midnight EST: a 25-hour day");
        }
        assertLinksMatchTheLog(account, summary);
    }

    @Test
    void seriesByCategoryAndActionMatchTheLog() throws Exception {
        String account = account();
        long crm = dataset.count(Dataset.category("CRM_OBJECT"));
        JsonNode byCategory = Analytics.await(account, "series", Map.of("groupBy", "category", "from", FROM, "to", TO,
                "tz", "America/New_York"), s -> total(s) == dataset.events().size());
        assertEquals(crm, group(byCategory, "CRM_OBJECT"));
        assertLinksMatchTheLog(account, byCategory);

        JsonNode crmByAction = Analytics.get(Audit.admin(account), "series", Map.of("groupBy", "action", "from", FROM,
                "to", TO, "tz", "Asia/Kolkata", "category", "CRM_OBJECT")).then().statusCode(200).extract().as(JsonNode.class);
        assertEquals(crm, total(crmByAction));
        assertEquals(dataset.count(Dataset.category("CRM_OBJECT").and(Dataset.action("DELETE"))),
                group(crmByAction, "DELETE"));
        assertLinksMatchTheLog(account, crmByAction);
    }

    @Test
    void loginTrendAndRecordsOverTimeMatchTheLog() throws Exception {
        String account = account();
        JsonNode logins = Analytics.await(account, "series", Map.of("groupBy", "login-outcome", "from", FROM, "to", TO,
                "tz", "Australia/Adelaide"), s -> total(s) == dataset.count(e -> "LOGIN".equals(e.get("category"))
                        && List.of("LOGIN_SUCCEEDED", "LOGIN_FAILED").contains(e.get("subcategory"))));
        assertTrue(group(logins, "LOGIN_FAILED") > 0);
        assertLinksMatchTheLog(account, logins);

        JsonNode records = Analytics.get(Audit.admin(account), "series", Map.of("groupBy", "object-type", "from", FROM,
                "to", TO, "tz", "Asia/Kathmandu", "interval", "week", "category", "CRM_OBJECT"))
                .then().statusCode(200).extract().as(JsonNode.class);
        assertEquals(dataset.count(Dataset.category("CRM_OBJECT")), total(records));
        assertEquals(2, records.path("buckets").size(), "the weeks from Thursday " + FROM + ": to Monday, then to "
                + TO);
        assertLinksMatchTheLog(account, records);

        JsonNode anyObject = Analytics.get(Audit.admin(account), "series", Map.of("groupBy", "object-type", "from",
                FROM, "to", TO)).then().statusCode(200).extract().as(JsonNode.class);
        assertLinksMatchTheLog(account, anyObject);
    }

    @Test
    void actorFilterCountsWhatTheLogsActorFilterLists() throws Exception {
        String account = account();
        Analytics.await(account, "summary", Map.of("from", FROM, "to", TO),
                s -> Analytics.total(s, "logins") == dataset.count(Dataset.category("LOGIN")));
        // By id, by the email of an actor who also has an id, and by an email-only actor.
        for (String actor : List.of("u-1", "ann@example.com", "cy@example.com")) {
            JsonNode series = Analytics.get(Audit.admin(account), "series", Map.of("groupBy", "category", "from", FROM,
                    "to", TO, "tz", "Asia/Kolkata", "actor", actor)).then().statusCode(200).extract().as(JsonNode.class);
            long expected = dataset.count(e -> e.get("actor") instanceof Map<?, ?> a
                    && (actor.equals(a.get("id")) || actor.equals(a.get("email"))));
            assertEquals(expected, total(series), "events of " + actor);
            assertLinksMatchTheLog(account, series);
        }
    }

    @Test
    void topActorsAndObjectsMatchTheLog() throws Exception {
        String account = account();
        JsonNode actors = Analytics.await(account, "top-actors", Map.of("from", FROM, "to", TO, "tz", "Asia/Kolkata"),
                t -> t.path("items").size() > 0 && t.path("items").get(0).path("count").asLong() > 0
                        && t.path("items").get(0).path("count").asLong() == dataset.count(e -> e.get("actor") instanceof Map<?, ?> a
                                && "u-1".equals(a.get("id"))));
        assertEquals("u-1", actors.path("items").get(0).path("actor").asText(), "u-1 acts in 3 of 8 actor draws");
        assertFalse(actors.toString().contains("ann@example.com"), "one person, listed once (by id)");
        assertLinksMatchTheLog(account, actors);

        JsonNode objects = Analytics.get(Audit.admin(account), "top-objects", Map.of("from", FROM, "to", TO,
                "limit", "5")).then().statusCode(200).extract().as(JsonNode.class);
        assertEquals(5, objects.path("items").size());
        assertLinksMatchTheLog(account, objects);
    }

    private static long total(JsonNode series) {
        long total = 0;
        for (JsonNode bucket : series.path("buckets")) {
            total += bucket.path("count").asLong();
        }
        return total;
    }

    private static long group(JsonNode series, String key) {
        for (JsonNode group : series.path("totals")) {
            if (key.equals(group.path("key").asText())) {
                return group.path("count").asLong();
            }
        }
        return 0;
    }

    /** Each count with a link (days, buckets, groups, totals, top entries) against the real log's answer. */
    static void assertLinksMatchTheLog(String account, JsonNode answer) throws Exception {
        List<Map.Entry<String, Long>> links = Audit.links(answer);
        assertFalse(links.isEmpty(), "the answer carries log links");
        for (Map.Entry<String, Long> link : links) {
            assertEquals(link.getValue(), Audit.count(account, link.getKey()), "the log's count for " + link.getKey());
        }
    }
}
