package io.auditlog.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
 * quarter-hour zones and across a DST change (New York falls back on 2026-11-01; Adelaide, +10:30 then, is in
 * summer time).
 */
@QuarkusTest
class LogConsistencyTest {

    private static final String FROM = "2026-10-29";
    private static final String TO = "2026-11-05";
    private static String account;
    private static Dataset dataset;

    /** One account with its events for the whole class (recorded once, read by every test). */
    static synchronized String account() throws Exception {
        if (account == null) {
            String created = Audit.newAccount();
            Dataset data = Dataset.of(7, Instant.parse("2026-10-30T00:00:00Z"), Instant.parse("2026-11-04T00:00:00Z"),
                    400, List.of(Dataset.dayStart("America/New_York", "2026-11-01"),
                            Dataset.dayStart("America/New_York", "2026-11-02"),
                            Dataset.dayStart("Asia/Kolkata", "2026-11-01"),
                            Dataset.dayStart("Asia/Kathmandu", "2026-11-02"),
                            Dataset.dayStart("Australia/Adelaide", "2026-11-03"),
                            Dataset.dayStart("UTC", "2026-11-02")));
            Audit.record(created, data.events());
            dataset = data;
            account = created;
        }
        return account;
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
            assertEquals("2026-11-01", fallBack.path("date").asText());
            assertEquals("2026-11-01T04:00:00Z", fallBack.path("from").asText(), "midnight EDT");
            assertEquals("2026-11-02T05:00:00Z", fallBack.path("to").asText(), "midnight EST: a 25-hour day");
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
        assertEquals(2, records.path("buckets").size(), "the weeks from Thursday 29 October: to Monday 2, then to 5");
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
