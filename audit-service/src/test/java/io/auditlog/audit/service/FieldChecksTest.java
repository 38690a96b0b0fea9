package io.auditlog.audit.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The hand-written id and email checks accept exactly what the regular expressions they replace accepted. */
class FieldChecksTest {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    @Test
    void acceptWhatTheRegularExpressionsAccepted() {
        List<String> values = new ArrayList<>(List.of("", "a", "evt-1", "A.b_c:D-9", "a b", "a/b", "x".repeat(128),
                "x".repeat(129), "\u00e9", "a@b", "@b", "a@", "a@@b", "a@b@c", "ann@example.com", "a b@c", "a@b c",
                "a\t@b", "a@b\u000b", "a@b\f", "a\u00a0@b", "\u2028@x", "@", "a@b\n", "a\r@b"));
        String alphabet = "aZ09._:-@ \t\n\u000b\f\r\u00a0\u00e9/\\\"\ud83d\ude00";
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder value = new StringBuilder();
            for (int n = random.nextInt(8); n > 0; n--) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            values.add(value.toString());
        }
        for (String value : values) {
            assertEquals(ID.matcher(value).matches(), FieldChecks.isEventId(value), value);
            assertEquals(EMAIL.matcher(value).matches(), FieldChecks.isEmail(value), value);
        }
    }
}
