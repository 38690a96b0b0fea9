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
}
