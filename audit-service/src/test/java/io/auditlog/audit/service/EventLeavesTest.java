package io.auditlog.audit.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.Department;
import io.auditlog.audit.domain.EventContext;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.ItemType;
import io.auditlog.audit.domain.Plan;
import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.integrity.EventLeaf;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The sealer's leaf, written from the stored event's values, is the leaf a customer's verifier computes from the
 * event's API JSON: the Enterprise view written by the service's own mapper, read by {@link EventLeaf#leafOf}. A
 * difference would make every proof of that event fail, so the routes are compared on odd and random events.
 */
@QuarkusTest
class EventLeavesTest {

    private static final String ODD = "q\"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u00e9\u2028\u2603\ud83d\ude00 <>&'";

    @Inject
    ObjectMapper mapper;

    @Inject
    EventViewMapper views;

    @Inject
    EventLeaves leaves;

    private byte[] throughTheApi(StoredEvent event) throws Exception {
        byte[] json = mapper.writeValueAsBytes(views.toView(event, Plan.ENTERPRISE));
        return EventLeaf.leafOf(json, 0, json.length).hash();
    }

    @Test
    void oddEventsHaveTheLeafOfTheirApiForm() throws Exception {
        Instant occurred = Instant.parse("2026-11-30T13:29:48.123456Z");
        Instant recorded = Instant.parse("2026-11-30T13:29:49Z");
        List<StoredEvent> events = List.of(
                new StoredEvent("acct-1", "evt-1", 1, "7", occurred, recorded, "CONTENT", "SHARING", "LINK_CREATED",
                        new Actor("u-9", "cy@example.com", ODD, ActorType.STAFF, Department.CUSTOMER_SUPPORT,
                                List.of("sales", ODD)),
                        new EventObject("FILE", "f 1/\u00e6", ODD, "/Plans/Q3\\plan.pdf", ItemType.FILE),
                        new EventContext("2001:db8::1", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0", "PASSWORD",
                                "DK", ODD),
                        "{\"z\": {\"n\": 1e300, \"s\": \"x\\u0000\\ud83d\\ude00\"}, \"a\": [1, 2.50, -0.0, null, true],"
                                + " \"\u00e9\": 123456789012345678, \"e\": 1e400, \"\": {}}"),
                new StoredEvent("acct-1", "evt-2", 2, "7", occurred, recorded, "LOGIN", null, "LOGIN",
                        new Actor(null, null, null, null, null, Arrays.asList("a", null)), null,
                        new EventContext(null, null, null, null, null), null),
                new StoredEvent("acct-1", "evt-3", 3, "7", occurred, recorded, "LOGIN", null, "LOGIN",
                        new Actor("u", null, null, ActorType.USER, null, List.of()),
                        new EventObject(null, null, null, null, null), new EventContext(null, null, null, null, null),
                        "{}"),
                new StoredEvent("acct-1", "evt-4", 4, "7", Instant.parse("+10000-01-01T00:00:00Z"),
                        Instant.parse("2026-11-30T13:29:00.000000001Z"), "LOGIN", null, "LOGIN", null, null,
                        new EventContext("::ffff:10.0.0.1", "", "", "", ""), "[\"not\", \"an object\"]"),
                new StoredEvent("acct-1", "evt-5", 5, "7", Instant.parse("-0001-12-31T23:59:59Z"), Instant.MAX,
                        "LOGIN", "", "LOGIN", null, null, new EventContext(null, null, null, null, null),
                        " \"a string\" "),
                new StoredEvent("acct-1", "evt-6", 6, "7", Instant.EPOCH, Instant.EPOCH, "X", "Y", "Z", null, null,
                        new EventContext(null, null, null, null, null), "{\"dup\": 1, \"dup\": 2, \"n\": 0.1e-320}"));
        for (StoredEvent event : events) {
            assertArrayEquals(throughTheApi(event), leaves.leafHash(event), event.id());
        }
    }

    @Test
    void randomEventsHaveTheLeafOfTheirApiForm() throws Exception {
        Random random = new Random(20261201);
        for (int i = 0; i < 5_000; i++) {
            StoredEvent event = randomEvent(random, i);
            assertArrayEquals(throughTheApi(event), leaves.leafHash(event), event.toString());
        }
    }

    /** Details with a number no form can write are refused by both routes, not sealed by one of them. */
    @Test
    void detailsWithoutACanonicalFormAreRefusedAsTheApiFormIs() {
        StoredEvent event = new StoredEvent("acct-1", "evt-7", 7, "7", Instant.EPOCH, Instant.EPOCH, "X", null, "Z",
                null, null, new EventContext(null, null, null, null, null), "{\"n\": 1e300000}");
        assertThrows(IllegalArgumentException.class, () -> throughTheApi(event));
        assertThrows(IllegalArgumentException.class, () -> leaves.leafHash(event));
    }

    private static StoredEvent randomEvent(Random random, int i) {
        Actor actor = random.nextInt(5) == 0 ? null
                : new Actor(text(random), text(random), text(random), pick(random, ActorType.values()),
                        pick(random, Department.values()), random.nextInt(4) == 0 ? null : teams(random));
        EventObject object = random.nextInt(4) == 0 ? null
                : new EventObject(text(random), text(random), text(random), text(random), pick(random, ItemType.values()));
        EventContext context = new EventContext(text(random), text(random), text(random), text(random), text(random));
        return new StoredEvent(text(random), "e-" + i + (random.nextBoolean() ? "" : text(random)), i, "1",
                instant(random), instant(random), text(random), text(random), text(random), actor, object, context,
                random.nextInt(5) == 0 ? null : json(random, 0));
    }

    private static Instant instant(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 400_000_000_000L),
                    random.nextInt(1_000_000_000));
            case 1 -> Instant.ofEpochSecond(random.nextLong(1_600_000_000L, 1_900_000_000L));
            default -> Instant.ofEpochSecond(random.nextLong(1_600_000_000L, 1_900_000_000L),
                    random.nextInt(1_000_000) * 1_000L);
        };
    }

    private static List<String> teams(Random random) {
        List<String> teams = new ArrayList<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            teams.add(random.nextInt(8) == 0 ? null : text(random));
        }
        return teams;
    }

    private static <T> T pick(Random random, T[] values) {
        return random.nextInt(values.length + 1) == values.length ? null : values[random.nextInt(values.length)];
    }

    /** Mostly plain text, often with a character that needs an escape or more than one UTF-8 byte; sometimes null. */
    private static String text(Random random) {
        if (random.nextInt(8) == 0) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(24); n > 0; n--) {
            if (random.nextInt(6) == 0) {
                int at = ODD.offsetByCodePoints(0, random.nextInt(ODD.codePointCount(0, ODD.length())));
                text.appendCodePoint(ODD.codePointAt(at));
            } else {
                text.append((char) random.nextInt(0x20, 0x7f));
            }
        }
        return text.toString();
    }

    /** A JSON value as PostgreSQL could hand it back, with spaces, escapes and numbers of every form. */
    private static String json(Random random, int depth) {
        int kind = depth > 3 ? random.nextInt(4) : random.nextInt(7);
        return switch (kind) {
            case 0 -> quoted(String.valueOf(text(random)));
            case 1 -> number(random);
            case 2 -> random.nextBoolean() ? "true" : random.nextBoolean() ? "false" : "null";
            case 3 -> quoted("\\u00e9\\n\\\"\\ud83d\\ude00");
            case 4 -> {
                StringBuilder array = new StringBuilder("[");
                for (int n = random.nextInt(4); n > 0; n--) {
                    array.append(json(random, depth + 1)).append(n > 1 ? ", " : "");
                }
                yield array.append(']').toString();
            }
            default -> {
                StringBuilder object = new StringBuilder("{");
                for (int n = random.nextInt(5); n > 0; n--) {
                    String name = text(random);
                    object.append(quoted(name == null ? "k" : name)).append(": ").append(json(random, depth + 1))
                            .append(n > 1 ? ", " : "");
                }
                yield object.append('}').toString();
            }
        };
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String number(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Integer.toString(random.nextInt());
            case 1 -> Long.toString(random.nextLong());
            case 2 -> Double.toString(random.nextDouble() * 1e6);
            case 3 -> random.nextInt(1000) + "e" + (random.nextInt(700) - 350);
            case 4 -> "-0." + random.nextInt(1000) + "0";
            default -> new java.math.BigInteger(90, random).toString();
        };
    }
}
