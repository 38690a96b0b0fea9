package io.auditlog.audit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The fast occurredAt reader gives what Jackson's own OffsetDateTime reader gives, with the service's mapper: the
 * same value (offset included) or a refusal, for the form producers send, its near misses and random text.
 */
@QuarkusTest
class OccurredAtDeserializerTest {

    record Fast(@JsonDeserialize(using = OccurredAtDeserializer.class) OffsetDateTime occurredAt) {
    }

    record Standard(OffsetDateTime occurredAt) {
    }

    @Inject
    ObjectMapper mapper;

    private String read(Class<?> type, String json) {
        try {
            Object value = mapper.readValue(json, type);
            return String.valueOf(type == Fast.class ? ((Fast) value).occurredAt() : ((Standard) value).occurredAt());
        } catch (Exception e) {
            return "refused";
        }
    }

    private void same(String value) {
        String json = "{\"occurredAt\":" + value + "}";
        assertEquals(read(Standard.class, json), read(Fast.class, json), json);
    }

    @Test
    void readsWhatTheStandardReaderReads() {
        List<String> texts = new ArrayList<>(List.of("2026-11-30T13:29:48Z", "2026-11-30T13:29:48.1Z",
                "2026-11-30T13:29:48.123Z", "2026-11-30T13:29:48.123456Z", "2026-11-30T13:29:48.123456789Z",
                "2026-11-30T13:29:48.1234567890Z", "2026-11-30T13:29:48.Z", "2026-11-30T13:29:48,5Z",
                "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T00:00:00Z",
                "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-10T00:00:00Z",
                "2026-11-30T24:00:00Z", "2026-11-30T23:60:00Z", "2026-11-30T23:59:60Z", "2026-11-30t13:29:48z",
                "2026-11-30T13:29:48z", "2026-11-30 13:29:48Z", " 2026-11-30T13:29:48Z", "2026-11-30T13:29:48Z ",
                "2026-11-30T13:29Z", "2026-11-30T13:29:48+00:00", "2026-11-30T13:29:48+01:00",
                "2026-11-30T13:29:48-00:00", "2026-11-30T13:29:48+0100", "+12026-11-30T13:29:48Z",
                "-2026-11-30T13:29:48Z", "2026-11-30T13:29:48", "2026-11-30", "", "Z", "2026-1-30T13:29:48Z",
                "2026-11-30T13:29:4aZ", "２０２６-11-30T13:29:48Z", "2026-11-30T13:29:48.12a4Z",
                "2026-11-30T13:29:48.-1Z", "2026-11-30T13:29:48\u0000Z"));
        Random random = new Random(1201);
        for (int i = 0; i < 2_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = at.toString();
            texts.add(text);
            // One character changed: mostly still the shape, sometimes an impossible or foreign text.
            char[] changed = text.toCharArray();
            changed[random.nextInt(changed.length)] = "0123456789:-.TZ+ z"
                    .charAt(random.nextInt(18));
            texts.add(new String(changed));
        }
        for (String text : texts) {
            same(mapper.valueToTree(text).toString());
        }
        for (String other : new String[] { "null", "0", "1764509388", "1764509388.5", "true", "[]", "{}" }) {
            same(other);
        }
    }

    @Test
    void readsTheProducersFormItself() {
        assertNotNull(OccurredAtDeserializer.parse("2026-11-30T13:29:48.123Z".toCharArray(), 0, 24));
        assertEquals(OffsetDateTime.parse("2026-11-30T13:29:48.000123Z"),
                OccurredAtDeserializer.parse("x2026-11-30T13:29:48.000123Zx".toCharArray(), 1, 27));
    }
}
