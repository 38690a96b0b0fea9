package io.auditlog.audit.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * A place in the newest-first order of the log: the (occurredAt, seq) of the last event of a page. The next
 * page holds what sorts strictly after it, which stays exact while new events are inserted (keyset paging).
 * Callers get it as an opaque string.
 */
public record EventCursor(Instant occurredAt, long seq) {

    private static final String VERSION = "e1";

    public static EventCursor after(StoredEvent last) {
        return new EventCursor(last.occurredAt(), last.seq());
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, occurredAt);
        String raw = VERSION + ":" + micros + ":" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor a string encodes, or empty when it is not one of ours. */
    public static Optional<EventCursor> decode(String encoded) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":");
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                return Optional.empty();
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return Optional.of(new EventCursor(at, Long.parseLong(parts[2])));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return Optional.empty();
        }
    }
}
