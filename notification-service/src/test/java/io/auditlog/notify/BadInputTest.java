package io.auditlog.notify;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.auditlog.notify.support.Accounts;
import io.auditlog.notify.support.Accounts.Admin;
import io.auditlog.notify.support.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Hostile and careless input against every endpoint, over real HTTP with real tokens: each request is refused with
 * a 4xx problem+json naming the field where there is one, and nothing changes (the saved settings read back the
 * same, the one notification stays unread). Rows by class: wrong JSON types and scalar coercions, numbers out of
 * range, trailing tokens, missing fields, NUL, control characters, invalid UTF-8, oversized strings and ids,
 * forged cursors.
 */
@QuarkusTest
class BadInputTest {

    private static final String SETTINGS = "/api/v1/notification-settings";
    private static final String LIST = "/api/v1/notifications";
    /** What every settings row tries to store; the fixture keeps threshold 7, so a row that got through shows. */
    private static final String ALERTS = "\"alerts\":{\"multipleExports\":false,\"adminPermissionRemoved\":true}";
    private static final String MAIL = "\"mail\":{\"exportReady\":true,\"mentions\":true}";
    private static final String VALID = "{" + ALERTS + "," + MAIL + ",\"multipleExportsThreshold\":5}";

    /** One request: method, path and query (already encoded, sent as they are), body bytes or null. */
    record Call(String method, String target, String contentType, byte[] body) {
        @Override
        public String toString() {
            return method + " " + (target.length() > 80 ? target.substring(0, 80) + "..." : target);
        }
    }

    private static Admin ann;
    private static AssertionError fixtureFailed;

    static Stream<Arguments> badRequests() {
        List<Arguments> rows = new ArrayList<>();
        // Settings: wrong types, coercions, ranges.
        for (String threshold : List.of("1.5", "\"10\"", "1e30", "1e400", "-1", "0", "2147483648", "100001", "true",
                "null", "{}", "[5]", "9".repeat(39))) {
            rows.add(put("threshold " + threshold, settings("multipleExportsThreshold", threshold), 400,
                    "multipleExportsThreshold"));
        }
        rows.add(put("threshold of 41 digits", settings("multipleExportsThreshold", "9".repeat(41)), 400, "body"));
        for (String flag : List.of("2", "0", "\"true\"", "null", "\"\"", "[]")) {
            rows.add(put("multipleExports " + flag, bytes("{\"alerts\":{\"multipleExports\":" + flag
                    + ",\"adminPermissionRemoved\":true}," + MAIL + ",\"multipleExportsThreshold\":5}"), 400,
                    "alerts.multipleExports"));
        }
        rows.add(put("mail.mentions 1", bytes("{" + ALERTS + ",\"mail\":{\"exportReady\":true,\"mentions\":1},"
                + "\"multipleExportsThreshold\":5}"), 400, "mail.mentions"));
        rows.add(put("alerts an array", bytes("{\"alerts\":[]," + MAIL + ",\"multipleExportsThreshold\":5}"), 400,
                "alerts"));
        rows.add(put("alerts a string", bytes("{\"alerts\":\"yes\"," + MAIL + ",\"multipleExportsThreshold\":5}"),
                400, "alerts"));
        // Trailing tokens, documents that are not the settings.
        rows.add(put("trailing garbage", bytes(VALID + " garbage"), 400, "body"));
        rows.add(put("a second document", bytes(VALID + VALID), 400, "body"));
        rows.add(put("trailing comma", bytes(VALID.substring(0, VALID.length() - 1) + ",}"), 400, "body"));
        rows.add(put("an array", bytes("[" + VALID + "]"), 400, "body"));
        rows.add(put("null", bytes("null"), 400, "body"));
        rows.add(put("a string", bytes("\"settings\""), 400, "body"));
        rows.add(put("truncated", bytes(VALID.substring(0, 20)), 400, "alerts"));
        rows.add(put("nested 100 deep", bytes("{\"alerts\":" + "[".repeat(100) + "]".repeat(100) + "}"), 400,
                "alerts"));
        // Missing fields.
        rows.add(put("no mail", bytes("{" + ALERTS + ",\"multipleExportsThreshold\":5}"), 400, "mail"));
        rows.add(put("no threshold", bytes("{" + ALERTS + "," + MAIL + "}"), 400, "multipleExportsThreshold"));
        rows.add(put("no adminPermissionRemoved", bytes("{\"alerts\":{\"multipleExports\":false}," + MAIL
                + ",\"multipleExportsThreshold\":5}"), 400, "alerts.adminPermissionRemoved"));
        rows.add(put("empty object", bytes("{}"), 400, "alerts"));
        rows.add(put("unknown field", settings("digest", "\"weekly\""), 400, "digest"));
        // Text: NUL, control characters, invalid UTF-8, lone surrogates, size. email is the only string field.
        rows.add(put("NUL in email", settings("email", "\"ann\\u0000@example.com\""), 400, "email"));
        rows.add(put("BEL in email", settings("email", "\"ann\\u0007@example.com\""), 400, "email"));
        rows.add(put("raw control character", concat(bytes("{\"email\":\"a"), new byte[] { 1 },
                bytes("\"," + VALID.substring(1))), 400, "email"));
        rows.add(put("overlong UTF-8 (C0 AF)", concat(bytes("{\"email\":\"a"), new byte[] { (byte) 0xC0, (byte) 0xAF },
                bytes("\"," + VALID.substring(1))), 400, "email|body"));
        rows.add(put("UTF-8 surrogate (ED A0 80)", concat(bytes("{\"email\":\"a"),
                new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, bytes("\"," + VALID.substring(1))), 400,
                "email|body"));
        rows.add(put("lone surrogate escaped", settings("email", "\"\\ud800\""), 400, "email"));
        rows.add(put("email of 100,000 characters", settings("email", "\"" + "a".repeat(100_000) + "\""), 400,
                "email"));
        rows.add(put("NUL as a field name", settings("\\u0000", "1"), 400, "\u0000"));
        rows.add(Arguments.of("settings as text/plain", new Call("PUT", SETTINGS, "text/plain", bytes(VALID)),
                Set.of(415), null));

        // The in-app list's parameters.
        for (String limit : List.of("0", "-1", "101", "1.5", "2147483648", "ten", "%00", "1%00", "%0A5",
                "9".repeat(1000))) {
            rows.add(get("limit=" + limit, LIST + "?limit=" + limit, 400, "limit"));
        }
        // times outside years 1..9999 (before 0001-01-01, at 10000-01-01): PostgreSQL cannot compare them
        for (String cursor : List.of("garbage", "%00", cursor(Long.MIN_VALUE), cursor(Long.MAX_VALUE),
                cursor(-62_135_596_800_000_001L), cursor(253_402_300_800_000_000L), "x".repeat(3000))) {
            rows.add(get("cursor=" + cursor, LIST + "?cursor=" + cursor, 400, "cursor"));
        }
        for (String unread : List.of("yes", "TRUE", "1", "%00", "true%00")) {
            rows.add(get("unread=" + unread, LIST + "?unread=" + unread, 400, "unread"));
        }
        // Ids that are not a notification's: 404 (400 where the request filter refuses the text itself).
        for (String id : List.of("not-a-uuid", "1-1-1-1-1", UUID.randomUUID() + "x", "%20" + UUID.randomUUID(),
                "x".repeat(3000), "%00", "%C0%AF", UUID.randomUUID().toString())) {
            rows.add(Arguments.of("read " + id, new Call("POST", LIST + "/" + id + "/read", null, null),
                    Set.of(400, 404), null));
        }
        rows.add(Arguments.of("read an id of 10,000 characters", new Call("POST", LIST + "/" + "x".repeat(10_000)
                + "/read", null, null), Set.of(400, 404, 414), null));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void isRefusedWithAProblemAndChangesNothing(String name, Call call, Set<Integer> statuses, String field)
            throws Exception {
        Admin admin = fixture();
        Accounts.subscribe(admin, false, true, 7);
        var request = given().urlEncodingEnabled(false).auth().oauth2(admin.token());
        if (call.body() != null) {
            request = request.contentType(call.contentType() == null ? "application/json" : call.contentType())
                    .body(call.body());
        }
        Response response = request.request(call.method(), call.target());

        assertTrue(statuses.contains(response.statusCode()), name + " answered " + response.statusCode() + ": "
                + response.asString());
        response.then().contentType("application/problem+json");
        if (field != null) {
            // Invalid UTF-8 is named by the field it is in, or "body" where the body is refused before it is read.
            String named = response.path("errors[0].field");
            assertTrue(Set.of(field.split("\\|")).contains(named), name + " named " + named + ", not " + field);
        }
        given().auth().oauth2(admin.token()).get(SETTINGS).then().statusCode(200)
                .body("multipleExportsThreshold", equalTo(7)).body("alerts.multipleExports", equalTo(false))
                .body("alerts.adminPermissionRemoved", equalTo(true)).body("email", equalTo(admin.email()));
        given().auth().oauth2(admin.token()).get(LIST).then().statusCode(200).body("unreadCount", equalTo(1));
    }

    /** A super admin with one unread notification, shared by the rows (each checks it is still unread). */
    private static synchronized Admin fixture() throws Exception {
        if (fixtureFailed != null) {
            throw fixtureFailed; // once, not 30 s for every row
        }
        if (ann == null) {
            Admin admin = Accounts.admin(Accounts.newAccount(), "ann");
            Accounts.subscribe(admin, false, true, 7);
            Accounts.record(admin.account(), List.of(Accounts.adminRemoved("bad-input-" + UUID.randomUUID())));
            if (!Eventually.holds(Duration.ofSeconds(30), () -> Integer.valueOf(1).equals(given().auth()
                    .oauth2(admin.token()).get(LIST).then().extract().path("unreadCount")))) {
                fixtureFailed = new AssertionError("the fixture's notification did not come within 30 s");
                throw fixtureFailed;
            }
            ann = admin;
        }
        return ann;
    }

    private static Arguments put(String name, byte[] body, int status, String field) {
        return Arguments.of(name, new Call("PUT", SETTINGS, null, body), Set.of(status), field);
    }

    private static Arguments get(String name, String target, int status, String field) {
        return Arguments.of(name, new Call("GET", target, null, null), Set.of(status), field);
    }

    /** The valid document with one field's JSON text replaced (or added). */
    private static byte[] settings(String field, String json) {
        String document = switch (field) {
            case "multipleExportsThreshold" -> "{" + ALERTS + "," + MAIL + ",\"multipleExportsThreshold\":" + json
                    + "}";
            default -> "{\"" + field + "\":" + json + "," + VALID.substring(1);
        };
        return bytes(document);
    }

    /** A cursor as the list issues them, for a creation time of {@code micros} since 1970. */
    private static String cursor(long micros) {
        String text = "n1:" + micros + ":" + UUID.randomUUID();
        return URLEncoder.encode(Base64.getUrlEncoder().withoutPadding().encodeToString(
                text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
