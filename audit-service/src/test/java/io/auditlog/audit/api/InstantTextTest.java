package io.auditlog.audit.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class InstantTextTest {

    private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void writesWhatInstantToStringWrites() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("1969-12-31T23:59:59.999Z"),
                Instant.parse("2024-02-29T12:00:00Z"), Instant.parse("2026-11-30T13:29:00.100Z"),
                Instant.parse("2026-11-30T13:29:48.000001Z"), Instant.parse("2026-11-30T13:29:48.120000Z"),
                Instant.parse("2026-11-30T13:29:48.000000010Z"), Instant.parse("1900-03-01T00:00:01.5Z")));
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 200_000; i++) {
            long seconds = random.nextLong(FIRST, LAST + 1);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
        }
        char[] out = new char[InstantText.MAX_LENGTH];
        for (Instant instant : instants) {
            int length = InstantText.write(instant, out);
            assertEquals(instant.toString(), new String(out, 0, length), () -> "epoch second " + instant.getEpochSecond());
        }
    }

    @Test
    void leavesYearsOutsideFourDigitsToInstantToString() {
        char[] out = new char[InstantText.MAX_LENGTH];
        assertEquals(-1, InstantText.write(Instant.ofEpochSecond(FIRST - 1), out));
        assertEquals(-1, InstantText.write(Instant.ofEpochSecond(LAST + 1), out));
        assertEquals(-1, InstantText.write(Instant.MAX, out));
        assertEquals(-1, InstantText.write(Instant.MIN, out));
    }
}
