package io.auditlog.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class EventLeafTest {

    static final String EVENT = "{\"id\":\"e-1\",\"accountId\":\"acme\",\"occurredAt\":\"2026-11-20T10:15:30Z\","
            + "\"recordedAt\":\"2026-11-20T10:15:31.123456Z\",\"category\":\"LOGIN\",\"subcategory\":\"LOGIN_FAILED\","
            + "\"action\":\"LOGIN\",\"actor\":{\"id\":\"u-42\",\"email\":\"ann@example.com\",\"name\":\"Ann Lee\","
            + "\"type\":\"USER\",\"department\":null,\"teams\":[\"sales\"]},\"object\":null,"
            + "\"context\":{\"ip\":\"203.0.113.7\",\"userAgent\":\"Mozilla/5.0\",\"loginType\":\"PASSWORD\","
            + "\"country\":\"DK\",\"region\":null,\"browser\":\"Firefox\",\"os\":\"Linux\",\"device\":\"Desktop\"},"
            + "\"details\":{\"b\":2.50,\"a\":[1,\"x\"]},\"links\":{\"self\":\"/api/v1/events/e-1\",\"object\":null}}";

    /** The version-1 form, frozen: a change here changes every sealed leaf and needs a new leaf version. */
    static final String CANONICAL = "{\"accountId\":\"acme\",\"action\":\"LOGIN\",\"actor\":{\"department\":null,"
            + "\"email\":\"ann@example.com\",\"id\":\"u-42\",\"name\":\"Ann Lee\",\"teams\":[\"sales\"],\"type\":\"USER\"},"
            + "\"category\":\"LOGIN\",\"context\":{\"country\":\"DK\",\"ip\":\"203.0.113.7\",\"loginType\":\"PASSWORD\","
            + "\"region\":null,\"userAgent\":\"Mozilla/5.0\"},\"details\":{\"a\":[1,\"x\"],\"b\":2.5},\"id\":\"e-1\","
            + "\"leafVersion\":1,\"object\":null,\"occurredAt\":\"2026-11-20T10:15:30Z\","
            + "\"recordedAt\":\"2026-11-20T10:15:31.123456Z\",\"subcategory\":\"LOGIN_FAILED\"}";

    @Test
    void theProjectionIsFixedAndCanonical() {
        assertEquals(CANONICAL, new String(EventLeaf.canonical(CanonicalJson.parse(EVENT)), StandardCharsets.UTF_8));
        assertArrayEquals(Merkle.leafHash(CANONICAL.getBytes(StandardCharsets.UTF_8)),
                EventLeaf.leafHash(CanonicalJson.parse(EVENT)));
    }

    @Test
    void fieldsTheApiAddsLaterOrDerivesDoNotChangeTheLeaf() {
        String later = EVENT.replace("\"links\":", "\"sealed\":{\"treeSize\":9},\"links\":")
                .replace("\"browser\":\"Firefox\"", "\"browser\":\"Firefox 140\"")
                .replace("\"country\":\"DK\",", "\"country\":\"DK\",\"city\":\"Aarhus\",");
        assertArrayEquals(EventLeaf.leafHash(CanonicalJson.parse(EVENT)), EventLeaf.leafHash(CanonicalJson.parse(later)));
    }

    @Test
    void aMissingFieldCountsAsNull() {
        String without = EVENT.replace("\"object\":null,", "");
        assertArrayEquals(EventLeaf.leafHash(CanonicalJson.parse(EVENT)), EventLeaf.leafHash(CanonicalJson.parse(without)));
    }

    @Test
    void everyRecordedFieldIsCovered() {
        byte[] leaf = EventLeaf.leafHash(CanonicalJson.parse(EVENT));
        String[][] changes = { { "\"e-1\",\"accountId\"", "\"e-2\",\"accountId\"" }, { "\"acme\"", "\"acmf\"" },
                { "10:15:30Z", "10:15:31Z" }, { "31.123456Z", "31.123457Z" }, { "\"LOGIN_FAILED\"", "\"LOGIN_SUCCEEDED\"" },
                { "ann@example.com", "bob@example.com" }, { "\"sales\"", "\"ops\"" }, { "203.0.113.7", "203.0.113.8" },
                { "\"PASSWORD\"", "\"SSO\"" }, { "2.50", "2.51" }, { "\"object\":null", "\"object\":{\"id\":\"c-9\"}" },
                { "Mozilla/5.0\"", "Mozilla/5.1\"" } };
        for (String[] change : changes) {
            String changed = EVENT.replace(change[0], change[1]);
            assertFalse(changed.equals(EVENT), change[0]);
            assertFalse(Arrays.equals(leaf, EventLeaf.leafHash(CanonicalJson.parse(changed))), "changing " + change[0]);
        }
    }

    /** The direct writer is the projection's canonical form, whatever shape the event has. */
    @Test
    void theDirectCanonicalFormEqualsTheProjectionsForEveryShape() {
        List<String> events = List.of(EVENT, "{}", "{\"id\":\"x\",\"actor\":null,\"object\":\"str\",\"context\":[1,2]}",
                "{\"id\":\"q\\\"\\\\\\n\\u0001\u00e9\ud83d\ude00\",\"accountId\":null,\"actor\":{\"teams\":[\"b\",\"a\"],"
                        + "\"extra\":1},\"details\":{\"z\":1e400,\"a\":[1.5,-0.0,100000000000000000000000],"
                        + "\"\u00e9\":{\"y\":true,\"x\":null}},\"context\":{\"browser\":\"x\",\"ip\":\"::1\"}}",
                "{\"id\":\"n\",\"occurredAt\":12,\"object\":{\"id\":null,\"itemType\":\"FILE\"},\"details\":\"text\"}");
        for (String text : events) {
            JsonNode event = CanonicalJson.parse(text);
            assertEquals(new String(CanonicalJson.canonicalize(EventLeaf.projection(event)), StandardCharsets.UTF_8),
                    new String(EventLeaf.canonical(event), StandardCharsets.UTF_8), text);
        }
    }
    /** The one-pass reader of a row's bytes gives the tree's leaf and id, whatever the event holds. */
    @Test
    void theLeafReadFromTheBytesIsTheTreesLeaf() {
        List<String> events = new java.util.ArrayList<>(List.of(EVENT, "{}",
                "{\"id\":\"x\",\"actor\":null,\"object\":\"str\",\"context\":[1,2]}",
                "{\"id\":\"q\\\"\\\\\\n\\u0001\u00e9\ud83d\ude00\",\"accountId\":null,\"actor\":{\"teams\":[\"b\",\"a\"],"
                        + "\"extra\":{\"deep\":[{}]}},\"details\":{\"z\":1e400,\"a\":[1.5,-0.0,100000000000000000000000],"
                        + "\"\u00e9\":{\"y\":true,\"x\":null}},\"context\":{\"browser\":\"x\",\"ip\":\"::1\"}}",
                "{\"id\":\"n\",\"occurredAt\":12,\"object\":{\"id\":null,\"itemType\":\"FILE\"},\"details\":\"text\"}",
                // given twice: the last counts, in the tree as here
                "{\"id\":\"a\",\"id\":\"b\",\"actor\":{\"id\":1,\"id\":\"u\"},\"actor\":{\"name\":\"N\"}}",
                "{\"leafVersion\":7,\"id\":12.50,\"category\":true,\"details\":[1e400,12345678901234567890.10]}",
                "{\"id\":{\"x\":1},\"action\":false,\"details\":null,\"context\":{\"ip\":[\"1\",{\"a\":2}]}}"));
        Random random = new Random(16);
        String[] fields = { "id", "accountId", "category", "action", "actor", "object", "context", "details", "links",
                "occurredAt" };
        String[] values = { "null", "\"v\"", "\"\u00e6\\u00f8\\n\"", "0", "-1.50e3", "true", "[]", "[null,\"x\"]",
                "{\"id\":\"i\",\"email\":null,\"other\":[1]}", "{\"ip\":\"::1\",\"region\":{\"a\":1}}" };
        for (int n = 0; n < 300; n++) {
            StringBuilder event = new StringBuilder("{");
            for (int i = random.nextInt(8); i >= 0; i--) {
                event.append(event.length() > 1 ? "," : "").append('"').append(fields[random.nextInt(fields.length)])
                        .append("\":").append(values[random.nextInt(values.length)]);
            }
            events.add(event.append('}').toString());
        }
        for (String text : events) {
            JsonNode tree = CanonicalJson.parse(text);
            byte[] bytes = (" " + text + "\n").getBytes(StandardCharsets.UTF_8);
            EventLeaf.Leaf leaf = EventLeaf.leafOf(bytes, 1, bytes.length - 1);
            assertArrayEquals(EventLeaf.leafHash(tree), leaf.hash(), text);
            assertEquals(tree.path("id").asText("?"), leaf.id(), text);
        }
    }

    @Test
    void bytesThatAreNotOneObjectAreRefusedAsTheTreeRefusesThem() {
        for (String text : List.of("", "[1]", "\"x\"", "{} {}", "{\"id\":\"a\"} x", "{\"id\":", "{\"id\":\"a\",}",
                "{\"links\":[1,}")) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertThrows(IllegalArgumentException.class, () -> EventLeaf.leafOf(bytes, 0, bytes.length), text);
            assertThrows(IllegalArgumentException.class, () -> EventLeaf.leafHash(CanonicalJson.parse(text)), text);
        }
        byte[] invalidUtf8 = { '{', '"', 'i', 'd', '"', ':', '"', (byte) 0xc0, (byte) 0xaf, '"', '}' };
        assertThrows(IllegalArgumentException.class, () -> EventLeaf.leafOf(invalidUtf8, 0, invalidUtf8.length));
    }
}
