package io.auditlog.common.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.time.StorableTime;

/**
 * The one codec of the platform's list cursors: {@code tag:micros:key} in unpadded base64url. The tag names the list
 * (a cursor of one list is refused by another); the time is whole microseconds, as PostgreSQL stores it. A cursor is
 * the caller's text like any parameter, so decoding refuses anything this codec would not have written: another tag,
 * a time outside {@link StorableTime} (it would fail in the database), digits of other scripts, a key of the wrong
 * syntax, an oversized string.
 */
public final class CursorCodec {

    private static final int MAX_ENCODED_LENGTH = 200;
    /** The text of a long as encode writes it: ASCII digits only (Long.parseLong also takes "+1" and other scripts). */
    private static final Pattern LONG_TEXT = Pattern.compile("-?[0-9]{1,19}");
    private static final Pattern UUID_SYNTAX = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final String tag;
    private final Predicate<String> keySyntax;

    private CursorCodec(String tag, Predicate<String> keySyntax) {
        this.tag = tag;
        this.keySyntax = keySyntax;
    }

    /** A list whose ties are broken by a UUID (lower-case, as {@link java.util.UUID#toString()} writes it). */
    public static CursorCodec uuidKeyed(String tag) {
        return new CursorCodec(tag, key -> UUID_SYNTAX.matcher(key).matches());
    }

    /** A list whose ties are broken by a number (a sequence). */
    public static CursorCodec longKeyed(String tag) {
        return new CursorCodec(tag, key -> {
            if (!LONG_TEXT.matcher(key).matches()) {
                return false;
            }
            try {
                Long.parseLong(key);
                return true;
            } catch (NumberFormatException e) {
                return false;
            }
        });
    }

    public String encode(PageCursor cursor) {
        Instant at = cursor.at();
        // not ChronoUnit.MICROS.between, which counts in nanoseconds and overflows 292 years from 1970
        long micros = Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
        String raw = tag + ":" + micros + ":" + cursor.key();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** The cursor {@code encoded} holds, or empty when this codec did not write it. */
    public Optional<PageCursor> decode(String encoded) {
        if (encoded == null || encoded.length() > MAX_ENCODED_LENGTH) {
            return Optional.empty();
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] parts = raw.split(":", -1);
        if (parts.length != 3 || !tag.equals(parts[0]) || !LONG_TEXT.matcher(parts[1]).matches()
                || !keySyntax.test(parts[2])) {
            return Optional.empty();
        }
        try {
            long micros = Long.parseLong(parts[1]);
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                    Math.floorMod(micros, 1_000_000L) * 1_000L);
            return StorableTime.isStorable(at) ? Optional.of(new PageCursor(at, parts[2])) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The cursor of parameter {@code parameter}, empty when absent, or a 400 naming it when not one of ours. */
    public Optional<PageCursor> parameter(String parameter, String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(decode(raw).orElseThrow(
                () -> ProblemException.badRequest(parameter, "is not a cursor this list issued")));
    }
}
