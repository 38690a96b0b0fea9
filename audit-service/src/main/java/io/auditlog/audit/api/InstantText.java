package io.auditlog.audit.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * {@link Instant#toString()}'s text (ISO-8601 in UTC, seconds always, the fraction in groups of three digits as
 * needed), written into a char array. Instant.toString() goes through DateTimeFormatter and a LocalDateTime's
 * string: a twelfth of a feed page's time, for two instants an event. Years 0000..9999 only; the caller writes any
 * other instant with Instant.toString(). InstantTextTest holds the two equal.
 */
public final class InstantText {

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z. */
    private static final long FIRST = -62_167_219_200L;
    private static final long LAST = 253_402_300_799L;

    /** The longest text of the fast path: yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ. */
    static final int MAX_LENGTH = 30;

    private InstantText() {
    }

    /** {@link Instant#toString()}'s text, by {@link #write} where it can. */
    public static String toString(Instant instant) {
        char[] text = new char[MAX_LENGTH];
        int length = write(instant, text);
        return length < 0 ? instant.toString() : new String(text, 0, length);
    }

    /**
     * Writes the instant's text at the start of {@code out} (at least {@link #MAX_LENGTH} long); answers its length,
     * or -1 (nothing written) for a year outside 0000..9999.
     */
    static int write(Instant instant, char[] out) {
        long seconds = instant.getEpochSecond();
        if (seconds < FIRST || seconds > LAST) {
            return -1;
        }
        long day = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(day);
        digits(out, 0, date.getYear(), 4);
        out[4] = '-';
        digits(out, 5, date.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, date.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int at = 19;
        int nanos = instant.getNano();
        if (nanos > 0) {
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(out, at, nanos / 1_000_000, 3);
                at += 3;
            } else if (nanos % 1_000 == 0) {
                digits(out, at, nanos / 1_000, 6);
                at += 6;
            } else {
                digits(out, at, nanos, 9);
                at += 9;
            }
        }
        out[at++] = 'Z';
        return at;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
