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

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0);
    }
}
