package io.auditlog.export;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.auditlog.common.feed.FeedPosition;
import io.auditlog.export.support.Audit;
import io.auditlog.export.support.Exports;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Bad input on every endpoint of the export-service, over real HTTP with real tokens: each answer is a 4xx
 * problem+json naming the field, and nothing is stored (the account's jobs are counted before and after, and its
 * one completed report is still there, whole).
 */
@QuarkusTest
class ExportBadInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static String account;
    private static String job;

    @Inject
    AgroalDataSource database;

    /**
     * A row: what is sent ({@code target} is percent-encoded as it goes on the wire, {@code {job}} stands for the
     * account's completed report) and the field the problem must name (a pattern, for the few bodies whose field
     * depends on the layer that refuses them first).
     */
    record Case(String name, String method, String target, byte[] body, boolean feed, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void badInputIsA4xxProblemNamingTheFieldAndStoresNothing(Case bad) throws Exception {
        ensureAccountWithAReport();
        long jobsBefore = jobsOf(account);

        RequestSpecification request = given().urlEncodingEnabled(false).auth()
                .oauth2(bad.feed() ? feedToken() : Audit.admin(account));
        if (bad.body() != null) {
            request = request.contentType("application/json").body(bad.body());
        }
        ValidatableResponse answer = request.request(bad.method(), bad.target().replace("{job}", job)).then();
        answer.statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", matchesPattern(bad.field()));

        assertEquals(jobsBefore, jobsOf(account), "nothing stored");
        assertEquals("COMPLETED", Exports.job(account, job).getString("status"), "nothing deleted");
    }

    static Stream<Case> cases() throws Exception {
        return Stream.of(exportRequests(), listQueries(), jobPaths(), feedQueries()).flatMap(s -> s);
    }

    private static Stream<Case> exportRequests() throws Exception {
        Map<String, Object> eleven = new LinkedHashMap<>();
        IntStream.range(0, 11).forEach(i -> eleven.put("f" + i, "x"));
        Map<String, Object> together = new LinkedHashMap<>();
        together.put("team", IntStream.range(0, 40).mapToObj(i -> i + "t".repeat(137)).toList());
        together.put("objectId", IntStream.range(0, 40).mapToObj(i -> i + "o".repeat(137)).toList());
        String deep = "[".repeat(100) + "]".repeat(100);
        return Stream.of(
                post("type with NUL", "{'type':'audit-log\\u0000'}", "type"),
                post("type with a control character", "{'type':'audit-log\\u0007'}", "type"),
                post("type a number", "{'type':5}", "type"),
                post("type an array", "{'type':['audit-log']}", "type"),
                post("format with NUL", "{'type':'audit-log','format':'csv\\u0000'}", "format"),
                post("format with a tab", "{'type':'audit-log','format':'csv\\t'}", "format"),
                post("format unknown", "{'type':'audit-log','format':'xlsx'}", "format"),
                post("format a boolean", "{'type':'audit-log','format':true}", "format"),
                post("timeZone unknown", "{'type':'audit-log','timeZone':'Europe/Nowhere'}", "timeZone"),
                post("timeZone a path", "{'type':'audit-log','timeZone':'../../etc'}", "timeZone"),
                post("timeZone of 10,000 characters", "{'type':'audit-log','timeZone':'" + "A".repeat(10_000) + "'}",
                        "timeZone"),
                post("timeZone with NUL", "{'type':'audit-log','timeZone':'Europe/Oslo\\u0000'}", "timeZone"),
                post("timeZone an object", "{'type':'audit-log','timeZone':{}}", "timeZone"),
                post("from in year 999999999", "{'type':'audit-log','from':'+999999999-12-31'}", "from"),
                post("from in year 0", "{'type':'audit-log','from':'0000-01-01'}", "from"),
                post("from the smallest instant", "{'type':'audit-log','from':'-999999999-01-01T00:00:00Z'}", "from"),
                post("from with NUL", "{'type':'audit-log','from':'2026-11-01\\u0000'}", "from"),
                post("from a number", "{'type':'audit-log','from':20261101}", "from"),
                post("to in year 999999999", "{'type':'audit-log','to':'+999999999-12-31'}", "to"),
                post("to the largest instant", "{'type':'audit-log','to':'+999999999-12-31T23:59:59Z'}", "to"),
                post("to in year 0", "{'type':'audit-log','to':'0000-01-01'}", "to"),
                post("viewId with NUL", "{'type':'audit-log','viewId':'login-history\\u0000'}", "viewId"),
                post("viewId of 10,000 characters", "{'type':'audit-log','viewId':'" + "v".repeat(10_000) + "'}",
                        "viewId"),
                post("viewId a number", "{'type':'audit-log','viewId':1}", "viewId"),
                post("filter value with NUL", "{'type':'audit-log','filters':{'category':'LOGIN\\u0000'}}",
                        "filters.category"),
                post("filter value with an escape sequence",
                        "{'type':'audit-log','filters':{'actor':['ann','b\\u001b[31m']}}", "filters.actor"),
                post("search text with a line break", "{'type':'audit-log','filters':{'q':'a\\nb'}}", "filters.q"),
                post("two search texts", "{'type':'audit-log','filters':{'q':['a','b']}}", "filters.q"),
                post("10,000 filter values", filters("category", Collections.nCopies(10_000, "LOGIN")),
                        "filters.category"),
                post("a filter value of 10,000 characters", filters("objectId", "x".repeat(10_000)),
                        "filters.objectId"),
                post("50 values of 256 characters", filters("actor", Collections.nCopies(50, "z".repeat(256))),
                        "filters.actor"),
                post("filters too long together", json(Map.of("type", "audit-log", "filters", together)), "filters"),
                post("eleven filters", json(Map.of("type", "audit-log", "filters", eleven)), "filters"),
                post("filter name with NUL", "{'type':'audit-log','filters':{'cat\\u0000':'x'}}", "filters"),
                post("filters a string", "{'type':'audit-log','filters':'LOGIN'}", "filters"),
                post("filters an array", "{'type':'audit-log','filters':['category']}", "filters"),
                post("filter value an object", "{'type':'audit-log','filters':{'category':{'a':1}}}",
                        "filters.category"),
                post("filter values numbers", "{'type':'audit-log','filters':{'category':[1,2]}}", "filters.category"),
                post("filter value null", "{'type':'audit-log','filters':{'category':[null]}}", "filters.category"),
                post("filter nested 100 deep", "{'type':'audit-log','filters':{'category':" + deep + "}}",
                        "filters.*|body"),
                post("a number of 1,000 digits", "{'type':'audit-log','from':" + "1".repeat(1000) + "}", "from|body"),
                post("trailing garbage", "{'type':'audit-log'} x", "body"),
                post("a second JSON value", "{'type':'audit-log'}{}", "body"),
                post("an unknown field", "{'type':'audit-log','filter':{'category':'LOGIN'}}", "filter"),
                post("an empty body", "", "body"),
                post("JSON null", "null", "body"),
                post("invalid UTF-8: overlong slash", utf8("{\"type\":\"audit-log\",\"filters\":{\"actor\":\"", 0xC0,
                        0xAF), "body"),
                post("invalid UTF-8: encoded surrogate", utf8("{\"type\":\"audit-log\",\"filters\":{\"actor\":\"",
                        0xED, 0xA0, 0x80), "body"),
                post("invalid UTF-8: lone continuation byte", utf8("{\"type\":\"", 0x80), "body"));
    }

    private static Stream<Case> listQueries() {
        return Stream.of(
                get("limit not a number", "/api/v1/exports?limit=abc", "limit"),
                get("limit 0", "/api/v1/exports?limit=0", "limit"),
                get("limit -1", "/api/v1/exports?limit=-1", "limit"),
                get("limit 1.5", "/api/v1/exports?limit=1.5", "limit"),
                get("limit of 20 digits", "/api/v1/exports?limit=99999999999999999999", "limit"),
                get("limit with NUL", "/api/v1/exports?limit=5%00", "limit"),
                get("limit with a tab", "/api/v1/exports?limit=%095", "limit"),
                get("before garbage", "/api/v1/exports?before=x", "before"),
                get("before in year 999999999", "/api/v1/exports?before=%2B999999999-12-31T23:59:59Z", "before"),
                get("before in year 0", "/api/v1/exports?before=0000-01-01T00:00:00Z", "before"),
                get("before not a date", "/api/v1/exports?before=2026-13-45T00:00:00Z", "before"),
                get("before with NUL", "/api/v1/exports?before=2026-01-01T00:00:00Z%00", "before"),
                get("before, once a valid cursor, now refused", "/api/v1/exports?before=2026-01-01T00:00:00Z", "before"),
                get("cursor garbage", "/api/v1/exports?cursor=x", "cursor"),
                get("cursor of another list", "/api/v1/exports?cursor=" + foreignCursor(), "cursor"),
                get("cursor with a key that is no id", "/api/v1/exports?cursor=" + base64url("x1:0:42"), "cursor"),
                get("cursor beyond the year 9999", "/api/v1/exports?cursor="
                        + base64url("x1:253402300800000000:" + java.util.UUID.randomUUID()), "cursor"),
                get("cursor with NUL", "/api/v1/exports?cursor=eDE%00", "cursor"),
                get("cursor of 3,000 characters", "/api/v1/exports?cursor=" + "A".repeat(3000), "cursor"));
    }

    private static Stream<Case> jobPaths() {
        return Stream.of(
                get("job id not a UUID", "/api/v1/exports/not-a-uuid", "id"),
                get("job id a short UUID", "/api/v1/exports/1-1-1-1-1", "id"),
                get("job id with NUL", "/api/v1/exports/{job}%00", "id"),
                get("job id of 3,000 characters", "/api/v1/exports/" + "a".repeat(3000), "id"),
                new Case("delete: job id not a UUID", "DELETE", "/api/v1/exports/not-a-uuid", null, false, "id"),
                get("download: job id not a UUID", "/api/v1/exports/x/files/1", "id"),
                get("file number not a number", "/api/v1/exports/{job}/files/abc", "n"),
                get("file number 0", "/api/v1/exports/{job}/files/0", "n"),
                get("file number -1", "/api/v1/exports/{job}/files/-1", "n"),
                get("file number of 11 digits", "/api/v1/exports/{job}/files/99999999999", "n"),
                get("file number in another script", "/api/v1/exports/{job}/files/%D9%A3", "n"),
                get("file number with NUL", "/api/v1/exports/{job}/files/1%00", "n"));
    }

    private static Stream<Case> feedQueries() {
        String beyondXid8 = new FeedPosition("99999999999999999999", 0).encode();
        return Stream.of(
                feed("feed position garbage", "/internal/v1/export-ready?after=nope", "after"),
                feed("feed position beyond xid8", "/internal/v1/export-ready?after=" + beyondXid8, "after"),
                feed("feed position with NUL", "/internal/v1/export-ready?after=%00", "after"),
                feed("feed limit not a number", "/internal/v1/export-ready?limit=abc", "limit"),
                feed("feed limit too large", "/internal/v1/export-ready?limit=100000", "limit"),
                feed("feed limit with NUL", "/internal/v1/export-ready?limit=5%00", "limit"));
    }

    /** A well-formed cursor of another list (the inbox's tag): not one this list issued. */
    private static String foreignCursor() {
        return io.auditlog.common.paging.CursorCodec.uuidKeyed("n1")
                .encode(new io.auditlog.common.paging.PageCursor(java.time.Instant.now(), java.util.UUID.randomUUID().toString()));
    }

    private static String base64url(String raw) {
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    private static Case post(String name, String singleQuotedJson, String field) {
        return post(name, singleQuotedJson.replace('\'', '"').getBytes(StandardCharsets.UTF_8), field);
    }

    private static Case post(String name, byte[] body, String field) {
        return new Case(name, "POST", "/api/v1/exports", body, false, field);
    }

    private static Case get(String name, String target, String field) {
        return new Case(name, "GET", target, null, false, field);
    }

    private static Case feed(String name, String target, String field) {
        return new Case(name, "GET", target, null, true, field);
    }

    private static byte[] filters(String name, Object values) {
        return json(Map.of("type", "audit-log", "filters", Map.of(name, values)));
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code prefix}, then raw bytes that are not valid UTF-8, then the rest of a string and the object. */
    private static byte[] utf8(String prefix, int... raw) {
        byte[] start = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] end = "\"}}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + raw.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        for (int i = 0; i < raw.length; i++) {
            body[start.length + i] = (byte) raw[i];
        }
        System.arraycopy(end, 0, body, start.length + raw.length, end.length);
        return body;
    }

    private static String feedToken() {
        return LocalPlatformTestResource.identity().token("notification-service", null, List.of("audit-feed"),
                Duration.ofMinutes(10));
    }

    private static synchronized void ensureAccountWithAReport() throws Exception {
        if (account == null) {
            String[] made = Exports.accountWithCompletedReport("b-1");
            account = made[0];
            job = made[1];
        }
    }

    private long jobsOf(String accountId) throws Exception {
        return Exports.jobCount(database, accountId);
    }
}
