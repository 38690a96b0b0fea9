package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.agroal.api.AgroalDataSource;
import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.StoredRows;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Hostile and careless input against every endpoint of the audit-service that takes any: each row must be answered
 * 4xx problem+json naming the field, and nothing of it may be stored. The classes: NUL, control characters, lone
 * surrogates, invalid UTF-8 (raw bytes), IP forms, extreme numbers and times, oversized lists and strings, wrong
 * JSON types, trailing tokens.
 */
@QuarkusTest
class BadInputTest {

    /** Non-ASCII written as \\u escapes: a lone surrogate can only be sent that way. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    /** Any 4xx: a request line the HTTP layer refuses before the service sees it (414/431/400). */
    private static final int ANY_4XX = 0;

    @Inject
    AgroalDataSource database;

    /** One bad request: made under a fresh account, answered with {@code status}, naming {@code field} (or null). */
    record Case(String name, Function<String, Response> call, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAProblemNamingTheFieldAndStoresNothing(Case c) {
        String account = Events.newAccount();
        Response response = c.call().apply(account);
        int status = response.statusCode();
        if (c.status() == ANY_4XX) {
            assertTrue(status >= 400 && status < 500, c + ": " + status + " " + response.asString());
        } else {
            assertEquals(c.status(), status, c + ": " + response.asString());
        }
        response.then().contentType("application/problem+json");
        if (c.field() != null) {
            response.then().body("errors.field", hasItem(c.field()));
        }
        assertEquals(0, StoredRows.of(database, account), c + ": nothing of a refused request is stored");
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        ingest(cases);
        search(cases);
        export(cases);
        eventById(cases);
        plan(cases);
        feed(cases);
        return cases.stream();
    }

    private static void ingest(List<Case> cases) {
        String[][] texts = { // field, bad value
                { "id", "evt\u0000" }, { "category", "LOGIN\u0000" }, { "subcategory", "LOGIN_FAILED\n" },
                { "action", "LOGIN\u0007" }, { "actor.id", "u-1\u0000" }, { "actor.id", "u-1\nu-2" },
                { "actor.email", "ann\u0000@example.com" }, { "actor.name", "Ann\u0000" },
                { "actor.name", "Ann\u001b[31m" }, { "actor.name", "Ann\ud800" }, { "object.type", "FILE\t" },
                { "object.id", "\u0000" }, { "object.name", "Q3\u0085" }, { "object.path", "/a/\udc00" },
                { "context.userAgent", "Mozilla\r\nX-Injected: 1" }, { "context.loginType", "PASSWORD\u0000" },
                { "context.country", "DK\u0000" }, { "context.region", "Capital\u007f" },
                { "details.note", "x\u0000y" }, { "details.before.name", "Carla\u0001" },
                { "details.list[1]", "\ud83d" } };
        for (String[] t : texts) {
            cases.add(ingestCase("ingest: " + t[0] + " = " + escape(t[1]), t[0], t[1], t[0]));
        }
        cases.add(ingestCase("ingest: details key with NUL", "details.a\u0000b", "x", "details[\"a\\u0000b\"]"));
        cases.add(ingestCase("ingest: details key with a line break", "details.before.a\nb", 1,
                "details.before[\"a\\u000ab\"]"));
        cases.add(ingestCase("ingest: actor.teams item with NUL", "actor.teams", List.of("ok", "x\u0000"),
                "actor.teams[1]"));
        Map<String, Object> bad = event("details.before.name", "Carla\u0000");
        cases.add(new Case("ingest: the 4th event of a batch is bad, the 3 good ones are not stored", a -> ingest(a,
                Events.batch(List.of(Events.login(null, 1, true), Events.login(null, 2, true),
                        Events.login(null, 3, true), bad))), 400, "events[3].details.before.name"));

        byte[][] invalid = { { (byte) 0xc0, (byte) 0xaf }, { (byte) 0xed, (byte) 0xa0, (byte) 0x80 },
                { (byte) 0xe2, (byte) 0x82 }, { (byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 },
                { (byte) 0xff } };
        for (byte[] bytes : invalid) {
            cases.add(new Case("ingest: invalid UTF-8 " + hex(bytes) + " in actor.name",
                    a -> ingestBytes(a, withBytes(event("actor.name", "@@"), bytes)), 400, "body"));
        }

        for (String ip : List.of("[::1]", "fe80::1%eth0", "fe80::1%25eth0", "1.2.3.4/24", "010.1.1.1", "1.2.3",
                "::ffff:1.2.3", "1.2.3.4 ", "٣.2.3.4", "1:2:3:4:5:6:7:8:9", "")) {
            cases.add(ingestCase("ingest: context.ip " + ip, "context.ip", ip, "context.ip"));
        }
        for (String at : List.of("+999999999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "-000001-01-01T00:00:00Z",
                "+1000000000-01-01T00:00:00Z", "2026-11-20T10:15:30+25:00")) {
            cases.add(ingestCase("ingest: occurredAt " + at, "occurredAt", at, "occurredAt"));
        }
        cases.add(ingestCase("ingest: occurredAt as a number", "occurredAt", 1e20, "occurredAt"));
        cases.add(ingestRaw("ingest: a metadata number beyond jsonb", event("details.n", 0), "\"n\":0",
                "\"n\":1e999999", "details.n"));
        cases.add(ingestRaw("ingest: a number of 41 digits", event("details.n", 0), "\"n\":0",
                "\"n\":" + "9".repeat(41), null));

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            many.add(Events.login(null, 1, true));
        }
        cases.add(new Case("ingest: a batch of 1001", a -> ingest(a, Events.batch(many)), 400, "events"));
        cases.add(ingestCase("ingest: 51 teams", "actor.teams", Collections.nCopies(51, "t"),
                "actor.teams"));
        cases.add(ingestCase("ingest: an id of 129 characters", "id", "x".repeat(129), "id"));
        cases.add(ingestCase("ingest: a name of 257 characters", "actor.name", "n".repeat(257), "actor.name"));
        cases.add(ingestCase("ingest: 33 KB of details", "details.blob", "b".repeat(33 * 1024), "details"));

        cases.add(ingestCase("ingest: category as a number", "category", 5, "category"));
        cases.add(ingestCase("ingest: actor as a string", "actor", "ann", "actor"));
        cases.add(ingestCase("ingest: details as an array", "details", List.of(1), "details"));
        cases.add(ingestCase("ingest: teams as a string", "actor.teams", "sales", "actor.teams"));
        cases.add(ingestCase("ingest: actor.type as a number", "actor.type", 1, "actor.type"));
        cases.add(ingestCase("ingest: actor.name as a boolean", "actor.name", true, "actor.name"));
        cases.add(ingestCase("ingest: actor.type with a trailing NUL", "actor.type", "USER\u0000", "actor.type"));
        cases.add(ingestCase("ingest: actor.type with a leading space", "actor.type", " USER", "actor.type"));
        cases.add(ingestCase("ingest: object.itemType with a line break", "object.itemType", "FILE\n",
                "object.itemType"));
        cases.add(new Case("ingest: events as an object", a -> ingest(a, Map.of("events", Map.of())), 400,
                "events"));

        String one = json(Events.login(null, 1, true));
        cases.add(new Case("ingest: garbage after one event", a -> ingestBytes(a, bytes(one + " x")), 400, "body"));
        cases.add(new Case("ingest: a second object after one event", a -> ingestBytes(a, bytes(one + one)), 400,
                "body"));
        cases.add(new Case("ingest: a second object after a batch",
                a -> ingestBytes(a, bytes("{\"events\":[" + one + "]}{}")), 400, "body"));
        cases.add(new Case("ingest: an array after a batch",
                a -> ingestBytes(a, bytes("{\"events\":[" + one + "]} []")), 400, "body"));
    }

    private static void search(List<Case> cases) {
        for (Map.Entry<String, String> p : queryCases().entrySet()) {
            String name = p.getKey().split("=")[0];
            cases.add(new Case("search: " + escape(p.getKey()) + " " + escape(p.getValue()),
                    a -> as(Tokens.admin(a)).queryParam(name, p.getValue()).get("/api/v1/events"), 400, name));
        }
        cases.add(new Case("search: 51 categories",
                a -> as(Tokens.admin(a)).queryParam("category", Collections.nCopies(51, "LOGIN"))
                        .get("/api/v1/events"), 400, "category"));
        cases.add(new Case("search: an actor of 300 characters",
                a -> as(Tokens.admin(a)).queryParam("actor", "a".repeat(300)).get("/api/v1/events"), 400, "actor"));
        // Under Vert.x's hard 64 KB request line, so that the platform's own limit answers (414 problem+json)
        cases.add(new Case("search: 10,000 repeated ip values",
                a -> as(Tokens.admin(a)).queryParam("ip", Collections.nCopies(10_000, "1"))
                        .get("/api/v1/events"), ANY_4XX, null));
        cases.add(new Case("search: 10,000 comma-separated categories",
                a -> as(Tokens.admin(a)).queryParam("category", String.join(",", Collections.nCopies(10_000, "X")))
                        .get("/api/v1/events"), ANY_4XX, null));
        cases.add(new Case("search: an actor of 5,000 characters",
                a -> as(Tokens.admin(a)).queryParam("actor", "a".repeat(5_000)).get("/api/v1/events"), 400,
                "actor"));
    }

    /** Bad values of the log query parameters, keyed "name=description" (search and export share them). */
    private static Map<String, String> queryCases() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("actor=NUL", "u-42\u0000");
        q.put("actor=only NUL", "\u0000");
        q.put("team=line break", "sales\nmarketing");
        q.put("objectId=ESC", "c-9\u001b");
        q.put("objectType=NUL", "CONTACT\u0000");
        q.put("q=NUL", "carla\u0000");
        q.put("q=BEL", "\u0007");
        q.put("category=NUL", "LOGIN\u0000");
        q.put("ip=brackets", "[::1]");
        q.put("ip=zone", "fe80::1%eth0");
        q.put("ip=encoded zone", "fe80::1%25eth0");
        q.put("ip=Arabic-Indic prefix", "1.2.3.4/٣");
        q.put("ip=prefix 33", "1.2.3.4/33");
        q.put("ip=prefix 129", "::1/129");
        q.put("ip=leading zeros", "010.0.0.1");
        q.put("ip=prefix with leading zero", "10.0.0.0/08");
        q.put("ip=short form", "10/8");
        q.put("from=year 999999999", "+999999999-12-31T23:59:59Z");
        q.put("to=year 0", "0000-01-01T00:00:00Z");
        q.put("from=year -1", "-000001-01-01T00:00:00Z");
        q.put("to=NUL after a valid time", "2026-11-20T00:00:00Z\u0000");
        q.put("limit=20 digits", "99999999999999999999");
        q.put("limit=negative", "-1");
        q.put("limit=Arabic-Indic digit", "٥");
        q.put("limit=NUL", "5\u0000");
        q.put("cursor=a time beyond the database", cursor(Long.MAX_VALUE + ":1"));
        q.put("cursor=year -290000", cursor(Long.MIN_VALUE + ":1"));
        q.put("cursor=long garbage", "A".repeat(2_000));
        q.put("cursor=Unicode digits", cursor("١:1"));
        return q;
    }

    private static void export(List<Case> cases) {
        for (Map.Entry<String, String> p : queryCases().entrySet()) {
            String name = p.getKey().split("=")[0];
            if (name.equals("limit") || name.equals("cursor")) {
                continue; // an export takes every matching event
            }
            cases.add(new Case("export: " + escape(p.getKey()) + " " + escape(p.getValue()),
                    a -> as(Tokens.admin(a)).queryParam(name, p.getValue()).get("/api/v1/events/export"), 400,
                    name));
        }
        cases.add(new Case("export: format with NUL",
                a -> as(Tokens.admin(a)).queryParam("format", "csv\u0000").get("/api/v1/events/export"), 400,
                "format"));
        cases.add(new Case("export: layout with NUL",
                a -> as(Tokens.admin(a)).queryParam("layout", "audit\u0000").get("/api/v1/events/export"), 400,
                "layout"));
        cases.add(new Case("export: the export client names an account with NUL",
                a -> as(Tokens.exportClient()).queryParam("account", a + "\u0000").get("/api/v1/events/export"),
                400, "account"));
    }

    private static void eventById(List<Case> cases) {
        cases.add(new Case("event by id: NUL", a -> as(Tokens.admin(a)).get("/api/v1/events/{id}", "evt\u0000"),
                400, "id"));
        cases.add(new Case("event by id: 200 characters",
                a -> as(Tokens.admin(a)).get("/api/v1/events/{id}", "e".repeat(200)), 400, "id"));
        cases.add(new Case("event by id: a line break",
                a -> as(Tokens.admin(a)).get("/api/v1/events/{id}", "a\nb"), 400, "id"));
    }

    private static void plan(List<Case> cases) {
        Object[][] bodies = { { "{\"plan\":1}", "plan" }, { "{\"plan\":true}", "plan" },
                { "{\"plan\":\"starter\"}", "plan" }, { "{\"plan\":\"STARTER\\u0000\"}", "plan" },
                { "{\"plan\":[\"STARTER\"]}", "plan" }, { "{\"plan\":\"STARTER\"} x", "body" },
                { "{\"plan\":\"STARTER\"}{\"plan\":\"ENTERPRISE\"}", "body" }, { "{\"plan\":\"STARTER\"", "body" },
                { "{\"plan\":\"STARTER\",\"until\":\"2027-01-01\"}", "until" },
                { "{\"plan\":\"STARTER\",\"accountId\":\"someone-else\"}", "accountId" } };
        for (Object[] b : bodies) {
            cases.add(new Case("plan: " + b[0], a -> as(Tokens.operator()).body(bytes((String) b[0]))
                    .put("/internal/v1/accounts/" + a + "/plan"), 400, (String) b[1]));
        }
        cases.add(new Case("plan: invalid UTF-8 in the plan",
                a -> as(Tokens.operator()).body(new byte[] { '{', '"', 'p', 'l', 'a', 'n', '"', ':', '"', (byte) 0xc0,
                        (byte) 0xaf, '"', '}' }).put("/internal/v1/accounts/" + a + "/plan"), 400, null));
        cases.add(new Case("plan: an account id with NUL", a -> as(Tokens.operator()).body(Map.of("plan", "STARTER"))
                .put("/internal/v1/accounts/{id}/plan", a + "\u0000"), 400, "accountId"));
    }

    private static void feed(List<Case> cases) {
        String[][] params = { { "after", "garbage" },
                { "after", Base64.getUrlEncoder().withoutPadding()
                        .encodeToString("f1:99999999999999999999:1".getBytes(StandardCharsets.US_ASCII)) },
                { "after", Base64.getUrlEncoder().withoutPadding()
                        .encodeToString("f1:١٢:1".getBytes(StandardCharsets.UTF_8)) },
                { "limit", "99999999999999999999" }, { "limit", "0" }, { "after", "\u0000" } };
        for (String[] p : params) {
            cases.add(new Case("feed: " + p[0] + " " + escape(p[1]),
                    a -> as(Tokens.feed()).queryParam(p[0], p[1]).get("/internal/v1/feed"), 400, p[0]));
        }
        // Both wrong: the position is checked first, as before the page was sized from the limit.
        cases.add(new Case("feed: after and limit both wrong", a -> as(Tokens.feed()).queryParam("after", "garbage")
                .queryParam("limit", "0").get("/internal/v1/feed"), 400, "after"));
    }

    private static Case ingestCase(String name, String path, Object value, String field) {
        Map<String, Object> event = event(path, value);
        return new Case(name, a -> ingest(a, event), 400, field);
    }

    private static Case ingestRaw(String name, Map<String, Object> event, String placeholder, String raw,
            String field) {
        return new Case(name, a -> ingestBytes(a, bytes(json(event).replace(placeholder, raw))), 400, field);
    }

    private static Response ingest(String account, Object body) {
        return ingestBytes(account, bytes(json(body)));
    }

    private static Response ingestBytes(String account, byte[] body) {
        return as(Tokens.ingest(account)).contentType(ContentType.JSON).body(body).post("/api/v1/events");
    }

    /** A valid login event with the value at {@code path} (members separated by dots, maps made as needed). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(String path, Object value) {
        Map<String, Object> event = Events.login(null, 1, true);
        event.put("actor", new HashMap<>((Map<String, Object>) event.get("actor")));
        event.put("context", new HashMap<>((Map<String, Object>) event.get("context")));
        String[] parts = path.split("\\.");
        Map<String, Object> target = event;
        for (int i = 0; i < parts.length - 1; i++) {
            target = (Map<String, Object>) target.computeIfAbsent(parts[i], k -> new HashMap<String, Object>());
        }
        String last = parts[parts.length - 1];
        if (last.endsWith("[1]")) {
            target.put(last.substring(0, last.length() - 3), List.of("fine", value));
        } else {
            target.put(last, value);
        }
        return event;
    }

    private static byte[] withBytes(Map<String, Object> event, byte[] inserted) {
        String[] halves = json(event).split("@@", 2);
        byte[] head = bytes(halves[0]);
        byte[] tail = bytes(halves[1]);
        byte[] body = new byte[head.length + inserted.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(inserted, 0, body, head.length, inserted.length);
        System.arraycopy(tail, 0, body, head.length + inserted.length, tail.length);
        return body;
    }

    private static String cursor(String timeAndSeq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("e1:" + timeAndSeq).getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02X ", b & 0xff));
        }
        return out.toString().trim();
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 || c == 0x7f || Character.isSurrogate(c) || (c >= 0x80 && c < 0xa0)
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.length() > 60 ? out.substring(0, 60) + "..." : out.toString();
    }
}
