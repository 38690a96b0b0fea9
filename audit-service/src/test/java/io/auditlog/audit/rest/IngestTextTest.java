package io.auditlog.audit.rest;

import static io.auditlog.audit.support.Api.as;
import static io.auditlog.audit.support.Api.ids;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.auditlog.audit.support.Events;
import io.auditlog.audit.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * What the log keeps of the text and numbers an event carries: free text exactly as sent (tabs and line breaks
 * included, any script), metadata numbers exactly as sent, never an approximation of them.
 */
@QuarkusTest
class IngestTextTest {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Test
    void freeTextKeepsTabsLineBreaksAndEveryScript() {
        String account = Events.newAccount();
        Map<String, Object> event = Events.contactDeleted("text", 1);
        Map<String, Object> actor = Events.actor("u-1", "ann@example.com", "Ann\tLee\r\nJr. 😀 Ωμέγα", List.of("t"));
        event.put("actor", actor);
        event.put("object", Map.of("type", "CONTACT", "id", "c-1", "name", "line one\nline two", "path", "/a\t/b"));
        event.put("details", Map.of("note", "first\nsecond\ttab", "Ключ", "значение"));
        as(Tokens.ingest(account)).body(event).post("/api/v1/events").then().statusCode(201);

        as(Tokens.admin(account)).get("/api/v1/events/text").then().statusCode(200)
                .body("actor.name", equalTo("Ann\tLee\r\nJr. 😀 Ωμέγα"))
                .body("object.name", equalTo("line one\nline two"))
                .body("object.path", equalTo("/a\t/b"))
                .body("details.note", equalTo("first\nsecond\ttab"))
                .body("details.Ключ", equalTo("значение"));
    }

    /**
     * Read as doubles, long fractions lost their last digits, 0.10 became 0.1 and 1e400 the string "Infinity":
     * every number within a double's range is now stored exactly as sent, and one beyond it is refused.
     */
    @Test
    void metadataNumbersAreKeptExactly() throws IOException {
        String account = Events.newAccount();
        String body = "{\"id\":\"numbers\",\"occurredAt\":\"" + Events.base(null, 1, "LOGIN", "LOGIN").get("occurredAt")
                + "\",\"category\":\"SECURITY\",\"subcategory\":\"TWO_FACTOR\",\"action\":\"DISABLE\",\"details\":"
                + "{\"huge\":1.7976931348623157e308,\"tiny\":4.9e-324,\"pi\":3.14159265358979323846264338327950288,\"money\":0.10,"
                + "\"big\":123456789012345678901234567890,\"negative\":-2.50E+3}}";
        as(Tokens.ingest(account)).contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/events").then().statusCode(201);

        JsonNode details = JSON.readTree(as(Tokens.admin(account)).get("/api/v1/events/numbers").then()
                .statusCode(200).extract().asByteArray()).get("details");
        Map<String, String> sent = Map.of("huge", "1.7976931348623157e308", "tiny", "4.9e-324", "pi", "3.14159265358979323846264338327950288",
                "money", "0.10", "big", "123456789012345678901234567890", "negative", "-2.50E+3");
        sent.forEach((name, number) -> {
            assertTrue(details.get(name).isNumber(), name + " stays a number: " + details.get(name));
            assertEquals(0, new BigDecimal(number).compareTo(details.get(name).decimalValue()),
                    name + ": sent " + number + ", stored " + details.get(name));
        });
        // (the log's own record of the entry opened above is category AUDIT_LOG)
        assertEquals(List.of("numbers"), ids(account, Map.of("category", "SECURITY")));

        as(Tokens.ingest(account)).contentType(ContentType.JSON)
                .body(body.replace("\"numbers\"", "\"infinite\"").replace("1.7976931348623157e308", "1e400")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/events").then().statusCode(400).body("errors[0].field", equalTo("details.huge"));
        assertEquals(List.of("numbers"), ids(account, Map.of("category", "SECURITY")),
                "nothing of the refused event is stored");
    }

    /**
     * The string checks are skipped for a body whose bytes hold no escape, DEL or C1 control: a body with those
     * written raw (not as escapes) is still checked, and refused naming the field.
     */
    @Test
    void rawDeleteAndC1CharactersAreStillRefused() throws IOException {
        String account = Events.newAccount();
        for (String raw : new String[] { "\u007f", "\u0085", "\u009b" }) {
            Map<String, Object> event = Events.contactDeleted("raw-" + (int) raw.charAt(0), 1);
            event.put("actor", Events.actor("u" + raw, "ann@example.com", "Ann", List.of("t")));
            String body = JSON.writeValueAsString(event);
            assertTrue(body.contains(raw), "the JSON carries the character itself, not an escape");
            as(Tokens.ingest(account)).contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/events").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("actor.id"));
        }
    }
}
