package io.auditlog.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * The byte reader accepts exactly what the tree accepts, and reads it to the same leaf and id: every text here
     * (odd but valid values, then each with one byte inserted or removed at random) either fails both ways or gives
     * both the same answer. {@code -Dseed=N -Devents=20000} runs a longer search.
     */
    @Test
    void theByteReaderAcceptsAndReadsExactlyWhatTheTreeDoes() {
        Random random = new Random(Long.getLong("seed", 8785));
        List<String> texts = new java.util.ArrayList<>();
        for (int n = 0; n < Integer.getInteger("events", 400); n++) {
            texts.add(randomEvent(random));
        }
        texts.addAll(List.of("\ufeff" + EVENT, "{\"id\":true$}", "{\"id\":nul}", "{\"id\":1_0}", "{\"id\":-}",
                "{\"id\":01}", "{\"id\":1.}", "{\"id\":.5}", "{\"id\":+1}", "{\"id\":1e}", "{\"id\":1e+}",
                "{\"id\":NaN}", "{\"id\":\"\\x\"}", "{\"id\":\"\\u12g4\"}", "{\"id\":\"\t\"}", "{\"a\"\u000b:1}",
                "{\"details\":{\"\\u0061\":1,\"a\":2}}", "{\"\\u0069d\":\"escaped name\"}", "\t{ }\r\n",
                "{\"details\":{\"\ufb01\":1,\"\ud83d\ude00\":2,\"\u00e9\":3}}", "{\"id\":-0,\"details\":[-0.0,0e0,1E2]}",
                "{\"id\":123456789012345,\"details\":1234567890123456}", "{\"id\":\"\\ud800\",\"action\":\"\\udc00x\"}",
                "{\"details\":1e200000}", "{\"details\":-1.5e999999999}"));
        int variants = texts.size();
        for (int n = 0; n < variants; n++) {
            for (int k = 0; k < 6; k++) {
                texts.add(mutated(texts.get(n), random));
            }
        }
        int accepted = 0;
        for (String text : texts) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            byte[] treeLeaf;
            String treeId;
            try {
                JsonNode tree = CanonicalJson.parse(text);
                treeLeaf = EventLeaf.leafHash(tree);
                treeId = tree.path("id").asText("?");
            } catch (IllegalArgumentException e) {
                assertThrows(IllegalArgumentException.class, () -> EventLeaf.leafOf(bytes, 0, bytes.length), text);
                continue;
            }
            EventLeaf.Leaf leaf = assertDoesNotThrow(() -> EventLeaf.leafOf(bytes, 0, bytes.length), text);
            assertArrayEquals(treeLeaf, leaf.hash(), text);
            assertEquals(treeId, leaf.id(), text);
            accepted++;
        }
        assertTrue(accepted > 400 && accepted < texts.size() - 400, "both kinds tried: " + accepted + " accepted");
    }

    /** Nesting is refused past the canonical reader's 1,000 levels, by both, inside a skipped member too. */
    @Test
    void nestingIsLimitedAsTheTreeLimitsIt() {
        for (String member : List.of("details", "links")) {
            for (int depth : new int[] { 998, 999, 1000, 1001 }) {
                String text = "{\"" + member + "\":" + "[".repeat(depth - 1) + "]".repeat(depth - 1) + "}";
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                boolean treeRefuses;
                try {
                    EventLeaf.leafHash(CanonicalJson.parse(text));
                    treeRefuses = false;
                } catch (IllegalArgumentException e) {
                    treeRefuses = true;
                }
                assertEquals(depth > 1000, treeRefuses, member + " " + depth);
                if (treeRefuses) {
                    assertThrows(IllegalArgumentException.class, () -> EventLeaf.leafOf(bytes, 0, bytes.length));
                } else {
                    assertArrayEquals(EventLeaf.leafHash(CanonicalJson.parse(text)),
                            EventLeaf.leafOf(bytes, 0, bytes.length).hash(), member + " " + depth);
                }
            }
        }
    }

    private static final String[] NAMES = { "id", "accountId", "category", "action", "actor", "object", "context",
            "details", "links", "occurredAt", "recordedAt", "subcategory", "a", "b", "\u00e9", "\ud83d\ude00", "\uff5e",
            "id\\u0000", "\\u0061", "" };
    private static final String[] SPACE = { "", "", "", " ", "\n", "\t ", "\r\n" };

    private static String randomEvent(Random random) {
        StringBuilder out = new StringBuilder("{");
        int members = random.nextInt(9);
        for (int i = 0; i < members; i++) {
            out.append(i > 0 ? "," : "").append(SPACE[random.nextInt(SPACE.length)]).append('"')
                    .append(NAMES[random.nextInt(NAMES.length)]).append("\":").append(SPACE[random.nextInt(SPACE.length)]);
            randomValue(random, out, 0);
        }
        return out.append('}').toString();
    }

    private static void randomValue(Random random, StringBuilder out, int depth) {
        switch (random.nextInt(depth > 3 ? 4 : 6)) {
            case 0 -> out.append(new String[] { "null", "true", "false" }[random.nextInt(3)]);
            case 1 -> out.append(randomNumber(random));
            case 2, 3 -> randomString(random, out);
            case 4 -> {
                out.append('[');
                for (int i = random.nextInt(4); i > 0; i--) {
                    randomValue(random, out, depth + 1);
                    out.append(i > 1 ? "," + SPACE[random.nextInt(SPACE.length)] : "");
                }
                out.append(']');
            }
            default -> {
                out.append('{');
                for (int i = random.nextInt(5); i > 0; i--) {
                    out.append('"').append(NAMES[random.nextInt(NAMES.length)]).append("\":");
                    randomValue(random, out, depth + 1);
                    out.append(i > 1 ? "," : "");
                }
                out.append('}');
            }
        }
    }

    private static String randomNumber(Random random) {
        String sign = random.nextInt(3) == 0 ? "-" : "";
        return switch (random.nextInt(7)) {
            case 0 -> sign + random.nextInt(1000);
            case 1 -> sign + (1 + random.nextInt(9)) + random.ints(random.nextInt(25), 0, 10).mapToObj(Integer::toString)
                    .collect(java.util.stream.Collectors.joining());
            case 2 -> sign + random.nextInt(100) + "." + random.nextInt(100000);
            case 3 -> sign + random.nextInt(10) + (random.nextBoolean() ? "e" : "E") + new String[] { "", "+", "-" }[
                    random.nextInt(3)] + random.nextInt(400);
            case 4 -> sign + "0." + "0".repeat(random.nextInt(10)) + (1 + random.nextInt(999)) + "e-" + random.nextInt(9);
            case 5 -> sign + "0";
            default -> sign + Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        };
    }

    private static void randomString(Random random, StringBuilder out) {
        String[] parts = { "a", "Z", " ", "\u00e6", "\u20ac", "\ud83d\ude00", "\\\"", "\\\\", "\\/", "\\n", "\\t",
                "\\u0000", "\\u001f", "\\u00e9", "\\ud83d\\ude00", "\\udc00", "\u007f", "<", "'" };
        out.append('"');
        for (int i = random.nextInt(6); i > 0; i--) {
            out.append(parts[random.nextInt(parts.length)]);
        }
        out.append('"');
    }

    /** The text with one ASCII byte inserted or removed at a random place. */
    private static String mutated(String text, Random random) {
        String inserts = "{}[],:\"\\ 0123456789aeE.-+tnf$\tx";
        int at = random.nextInt(text.length() + 1);
        if (random.nextBoolean() && at < text.length() && !Character.isSurrogate(text.charAt(at))) {
            return text.substring(0, at) + text.substring(at + 1);
        }
        if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
            at--;
        }
        return text.substring(0, at) + inserts.charAt(random.nextInt(inserts.length())) + text.substring(at);
    }
}
