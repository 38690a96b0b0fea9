package io.auditlog.common.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @ParameterizedTest(name = "{0}: first invalid at {1}")
    @CsvSource({
            "41, -1", // A
            "c3a6, -1", // æ
            "e282ac, -1", // €
            "f09f9880, -1", // an emoji, four bytes
            "f48fbfbf, -1", // U+10FFFF, the last code point
            "c0af, 0", // overlong '/'
            "c1bf, 0", // overlong
            "e080af, 0", // overlong, three bytes
            "f0808080, 0", // overlong, four bytes
            "eda080, 0", // an encoded high surrogate
            "edbfbf, 0", // an encoded low surrogate
            "f4908080, 0", // above U+10FFFF
            "f5808080, 0", // no such lead byte
            "ff, 0",
            "80, 0", // a continuation byte alone
            "41c3, 1", // truncated at the end
            "41e282, 1",
            "41e28241, 1", // continuation missing mid-way
    })
    void findsTheFirstIllFormedByte(String hex, int expected) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        assertEquals(expected, Utf8.firstInvalid(bytes, 0, bytes.length));
    }

    /** Agrees with the JDK's strict decoder on random bytes, which hit every class of sequence many times. */
    @Test
    void agreesWithTheJdksStrictDecoder() {
        Random random = new Random(42);
        for (int round = 0; round < 200_000; round++) {
            byte[] bytes = new byte[1 + random.nextInt(6)];
            random.nextBytes(bytes);
            boolean jdkValid;
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
                jdkValid = true;
            } catch (CharacterCodingException e) {
                jdkValid = false;
            }
            assertEquals(jdkValid, Utf8.firstInvalid(bytes, 0, bytes.length) < 0, HexFormat.of().formatHex(bytes));
        }
    }

    /**
     * Runs of ASCII before and after a short sequence, at any offset of a larger array: the eight-byte steps over
     * ASCII find the same first ill-formed byte (an ASCII byte never completes a sequence, so padding moves the
     * answer by the padding's length only).
     */
    @Test
    void findsTheSameByteBetweenRunsOfAscii() {
        Random random = new Random(43);
        for (int round = 0; round < 100_000; round++) {
            byte[] core = new byte[1 + random.nextInt(6)];
            random.nextBytes(core);
            int before = random.nextInt(20);
            int after = random.nextInt(20);
            int offset = random.nextInt(5);
            byte[] padded = new byte[offset + before + core.length + after + random.nextInt(5)];
            for (int k = 0; k < padded.length; k++) {
                padded[k] = (byte) random.nextInt(0x80);
            }
            padded[0] = (byte) (offset > 0 ? 0xff : padded[0]); // outside the range read: must not count
            System.arraycopy(core, 0, padded, offset + before, core.length);
            int inCore = Utf8.firstInvalid(core, 0, core.length);
            int expected = inCore < 0 ? -1 : offset + before + inCore;
            assertEquals(expected, Utf8.firstInvalid(padded, offset, offset + before + core.length + after),
                    HexFormat.of().formatHex(padded) + " from " + offset);
        }
    }
}
