package io.auditlog.common.input;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextInputTest {

    @ParameterizedTest
    @ValueSource(strings = { "plain", "Ærø – 東京", "😀", "", "tab\tand\nlines\r\n" })
    void freeTextKeepsWhatReadersExpect(String value) {
        assertNull(TextInput.freeTextProblem(value));
    }

    @ParameterizedTest
    @ValueSource(strings = { "nul\u0000", "\u0001", "bell\u0007", "esc\u001b[31m", "del\u007f", "c1\u0085",
            "lone\ud800", "\udc00lone", "reversed\udc00\ud800" })
    void freeTextRefusesWhatCannotBeStoredOrShownSafely(String value) {
        assertNotNull(TextInput.freeTextProblem(value));
    }

    @ParameterizedTest
    @ValueSource(strings = { "line\nbreak", "tab\t", "cr\r", "nul\u0000" })
    void singleLineValuesHaveNoControlCharactersAtAll(String value) {
        assertNotNull(TextInput.singleLineProblem(value));
    }

    @ParameterizedTest
    @ValueSource(strings = { "LOGIN", "acct-1", "a b", "Ærø", "😀" })
    void singleLineValuesMayHoldAnyPrintableText(String value) {
        assertNull(TextInput.singleLineProblem(value));
    }

    /**
     * Whenever the bytes say no string can fail, no string read from them fails (checked for random strings of
     * risky characters, written as JSON by Jackson: escapes for controls, raw DEL, C1 and non-ASCII), and the
     * bytes of each kind of risky character say so.
     */
    @org.junit.jupiter.api.Test
    void bytesThatCannotFailHoldNoStringThatFails() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String alphabet = "aZ09 \"\\/\u0000\u0001\t\n\r\u001f\u007f\u0080\u0085\u009f\u00a0\u00e9\u2028\ud83d\ude00";
        java.util.Random random = new java.util.Random(7);
        int cannotFail = 0;
        for (int n = 0; n < 50_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                // Mostly plain, so that both answers occur often.
                text.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) random.nextInt(0x20, 0x7f));
            }
            String value = text.toString();
            byte[] bytes = json.writeValueAsBytes(java.util.Map.of("padding", "x".repeat(random.nextInt(9)), "v", value));
            if (Utf8.firstInvalid(bytes, 0, bytes.length) >= 0) {
                continue; // a lone surrogate half: refused before any check
            }
            if (TextInput.cannotFail(bytes)) {
                cannotFail++;
                assertNull(TextInput.singleLineProblem(value), value);
                assertNull(TextInput.freeTextProblem(value), value);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(cannotFail > 1_000, "plain strings seen: " + cannotFail);
        for (String risky : new String[] { "\\u0000", "\\n", "\\\"", "\u007f", "\u0085", "\u0080", "\u009f" }) {
            for (int pad = 0; pad < 10; pad++) {
                byte[] bytes = ("{\"p\":\"" + "x".repeat(pad) + "\",\"v\":\"" + risky + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                org.junit.jupiter.api.Assertions.assertFalse(TextInput.cannotFail(bytes), risky + " after " + pad);
            }
        }
        org.junit.jupiter.api.Assertions.assertTrue(TextInput.cannotFail(
                "{\"v\":\"\u00a0\u00e9 \u2028 \ud83d\ude00 plain text of any length\"}".getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
    }
}
