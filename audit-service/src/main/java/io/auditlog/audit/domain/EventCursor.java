package io.auditlog.audit.domain;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
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
    /** "e1:" and two longs, base64: about 60 characters; anything much longer is not ours. */
    private static final int MAX_ENCODED_LENGTH = 100;

    public static EventCursor after(StoredEvent last) {
        return new EventCursor(last.occurredAt(), last.seq());
    }

    public String encode() {
        // not ChronoUnit.MICROS.between, which counts in nanoseconds and overflows 292 years from 1970
        long micros = Math.addExact(Math.multiplyExact(occurredAt.getEpochSecond(), 1_000_000L),
                occurredAt.getNano() / 1_000);
        String raw = VERSION + ":" + micros + ":" + seq;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The cursor a string encodes, or empty when it is not one of ours. A cursor is the caller's text like any
     * parameter: one with a time the database cannot hold (micros of Long.MAX_VALUE) would otherwise fail there.
     */
    public static Optional<EventCursor> decode(String encoded) {
        if (encoded.length() > MAX_ENCODED_LENGTH) {
            return Optional.empty();
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":");
            if (parts.length != 3 || !VERSION.equals(parts[0]) || !isAsciiNumber(parts[1])
                    || !isAsciiNumber(parts[2])) {
                return Optional.empty();
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            if (!StorableTime.isStorable(at)) {
                return Optional.empty();
            }
            return Optional.of(new EventCursor(at, Long.parseLong(parts[2])));
        } catch (IllegalArgumentException | ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }

    /** An optional minus and ASCII digits: Long.parseLong also takes "+1" and digits of other scripts. */
    private static boolean isAsciiNumber(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        if (s.length() == start || s.length() > 20) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
