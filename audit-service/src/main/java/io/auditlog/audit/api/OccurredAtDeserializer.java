package io.auditlog.audit.api;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * An event's {@code occurredAt}, read without DateTimeFormatter where the text is the form producers send,
 * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}: Jackson's OffsetDateTime reader parses through the formatter's generic
 * field resolution, an eighth of the ingest path's time. Anything else (another offset, lower case, spaces, a
 * number, an impossible date) goes to the type's own deserializer, so its value and its error are exactly that
 * reader's. A time in UTC is the same OffsetDateTime whether or not Jackson adjusts dates to the context's zone
 * (UTC). OccurredAtDeserializerTest holds the two readers equal.
 */
public final class OccurredAtDeserializer extends StdDeserializer<OffsetDateTime> implements ContextualDeserializer {

    private final JsonDeserializer<?> standard;

    public OccurredAtDeserializer() {
        this(null);
    }

    private OccurredAtDeserializer(JsonDeserializer<?> standard) {
        super(OffsetDateTime.class);
        this.standard = standard;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
            throws JsonMappingException {
        JsonDeserializer<?> type = ctxt.findContextualValueDeserializer(ctxt.constructType(OffsetDateTime.class),
                property);
        return new OccurredAtDeserializer(type);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            // The parser's own buffer (any parser offers it for a string): no String made for the fast path.
            OffsetDateTime fast = parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (fast != null) {
                return fast;
            }
        }
        return (OffsetDateTime) standard.deserialize(p, ctxt);
    }

    /** The UTC time written as {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other text. */
    static OffsetDateTime parse(char[] text, int offset, int length) {
        if (length < 20 || length > 30 || text[offset + length - 1] != 'Z') {
            return null;
        }
        int year = digits(text, offset, 4);
        int month = digits(text, offset + 5, 2);
        int day = digits(text, offset + 8, 2);
        int hour = digits(text, offset + 11, 2);
        int minute = digits(text, offset + 14, 2);
        int second = digits(text, offset + 17, 2);
        if ((year | month | day | hour | minute | second) < 0 || text[offset + 4] != '-' || text[offset + 7] != '-'
                || text[offset + 10] != 'T' || text[offset + 13] != ':' || text[offset + 16] != ':') {
            return null;
        }
        int nanos = 0;
        int fraction = length - 21; // digits between the '.' at 19 and the 'Z'
        if (length == 20) {
            // no fraction
        } else if (text[offset + 19] != '.' || fraction < 1 || fraction > 9) {
            return null;
        } else {
            nanos = digits(text, offset + 20, fraction);
            if (nanos < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, ZoneOffset.UTC);
        } catch (DateTimeException impossible) {
            return null; // the standard reader says why
        }
    }

    /** The value of {@code count} ASCII digits at {@code at}, or -1 when one is not a digit. */
    private static int digits(char[] text, int at, int count) {
        int value = 0;
        for (int i = at; i < at + count; i++) {
            char c = text[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
