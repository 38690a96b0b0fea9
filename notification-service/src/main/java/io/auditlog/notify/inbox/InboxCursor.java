package io.auditlog.notify.inbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Where a page of the in-app list ends: the last notification's creation time and id, as an opaque string. */
public record InboxCursor(Instant createdAt, UUID id) {

    /**
     * Creation times a cursor this list issued can hold. A forged cursor outside them (e.g. -2^63 microseconds)
     * would otherwise reach PostgreSQL, whose timestamptz ends 4713 BC, and fail the request with a 500.
     */
    private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public String encode() {
        long micros = createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("n1:" + micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<InboxCursor> decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
            if (parts.length != 3 || !parts[0].equals("n1")) {
                return Optional.empty();
            }
            long micros = Long.parseLong(parts[1]);
            Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000),
                    Math.floorMod(micros, 1_000_000) * 1_000L);
            if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
                return Optional.empty();
            }
            return Optional.of(new InboxCursor(createdAt, UUID.fromString(parts[2])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
