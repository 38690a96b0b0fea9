package io.auditlog.common.input;

import java.util.List;

import io.auditlog.common.problem.FieldProblem;

/**
 * What text the platform stores and filters on. PostgreSQL's text cannot hold NUL, and a lone UTF-16 surrogate has no
 * UTF-8 form, so both are refused everywhere (400 naming the field) rather than failing in the database. Identifiers,
 * codes and filter values are single-line: no control characters at all. Free text (names, metadata values) may
 * carry tabs and line breaks, which readers of an audit log expect to see kept.
 */
public final class TextInput {

    private TextInput() {
    }

    /** Why {@code value} cannot be stored as free text, or null when it can. */
    public static String freeTextProblem(String value) {
        return problem(value, false);
    }

    /** Why {@code value} cannot be an identifier, code or filter value, or null when it can. */
    public static String singleLineProblem(String value) {
        return problem(value, true);
    }

    /** Adds a problem for {@code field} when {@code value} (may be null) is not storable free text. */
    public static void checkFreeText(String field, String value, List<FieldProblem> problems) {
        add(field, problem(value, false), problems);
    }

    /** Adds a problem for {@code field} when {@code value} (may be null) is not a single-line value. */
    public static void checkSingleLine(String field, String value, List<FieldProblem> problems) {
        add(field, problem(value, true), problems);
    }

    private static void add(String field, String reason, List<FieldProblem> problems) {
        if (reason != null) {
            problems.add(new FieldProblem(field, reason));
        }
    }

    private static String problem(String value, boolean singleLine) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                continue; // printable ASCII, nearly every character sent: none of the checks below applies
            }
            if (c == 0) {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must be valid Unicode (a lone surrogate at character " + i + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must be valid Unicode (a lone surrogate at character " + i + ")";
            }
            if (isControl(c) && (singleLine || !(c == '\t' || c == '\n' || c == '\r'))) {
                return "must not contain control characters (U+" + String.format("%04X", (int) c) + " at character "
                        + i + ")";
            }
        }
        return null;
    }

    /**
     * True when no string a strict JSON parser reads from these bytes can fail {@link #freeTextProblem} or
     * {@link #singleLineProblem}, so a caller may skip checking each string: the bytes hold no backslash (every NUL,
     * control character and lone surrogate in a JSON string is written as an escape; raw control characters are a
     * syntax error), no DEL (0x7F) and no C1 control character (UTF-8 C2 80..C2 9F). The bytes must be well-formed
     * UTF-8 ({@link Utf8#firstInvalid}): a surrogate could otherwise be encoded raw. A thousand-event batch is checked
     * in one pass over its bytes instead of character by character in every field.
     */
    public static boolean cannotFail(byte[] utf8Json) {
        int i = 0;
        int end = utf8Json.length;
        while (i + 8 <= end) {
            long word = (long) Utf8.LONGS.get(utf8Json, i);
            // Any byte with its high bit set (possibly C2) or equal to '\\' or DEL: look at these eight one by one.
            if ((word & 0x8080808080808080L) != 0 || hasByte(word, 0x5c) || hasByte(word, 0x7f)) {
                break;
            }
            i += 8;
        }
        for (; i < end; i++) {
            int b = utf8Json[i] & 0xff;
            if (b == '\\' || b == 0x7f || (b == 0xc2 && i + 1 < end && (utf8Json[i + 1] & 0xff) <= 0x9f)) {
                return false;
            }
        }
        return true;
    }

    /** Whether one of the eight bytes of {@code word} (all below 0x80) is {@code value}. */
    private static boolean hasByte(long word, int value) {
        long x = word ^ (0x0101010101010101L * value);
        return ((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0;
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0);
    }
}
