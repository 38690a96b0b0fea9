package io.auditlog.integrity.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ByteLinesTest {

    /** Hands out at most 7 bytes per read, so lines end across the buffer's refills. */
    private static InputStream trickle(String text) {
        return new FilterInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }

    private static List<String> lines(InputStream in) throws IOException {
        List<String> out = new ArrayList<>();
        try (ByteLines lines = new ByteLines(in)) {
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                out.add(new String(line, StandardCharsets.UTF_8));
            }
            assertNull(lines.next());
        }
        return out;
    }

    @Test
    void splitsAtLineFeedsDroppingACarriageReturnBeforeOne() throws IOException {
        assertEquals(List.of("{\"a\":1}", "", "æøå \"x\"", "last"), lines(trickle("{\"a\":1}\n\r\næøå \"x\"\r\nlast")));
        assertEquals(List.of("one"), lines(trickle("one\n")));
        assertEquals(List.of(), lines(trickle("")));
        assertEquals(List.of("a\rb"), lines(trickle("a\rb\n")));
    }

    @Test
    void aLineLongerThanTheBufferIsReadWhole() throws IOException {
        String longLine = "x".repeat(3 * (1 << 20) + 5);
        assertEquals(List.of("a", longLine, "b"), lines(new ByteArrayInputStream(("a\n" + longLine + "\nb\n")
                .getBytes(StandardCharsets.UTF_8))));
    }
}
