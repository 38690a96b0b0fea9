package io.auditlog.local.testing;

import java.util.ArrayList;
import java.util.List;

/** The template's SQL scan reads a service's sources literal by literal: what a comment says is no SQL. */
final class StringLiterals {

    private StringLiterals() {
    }

    /** The string literals and text blocks of a Java source, comments skipped. */
    static List<String> of(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                i = indexOrEnd(source, "\n", i);
            } else if (source.startsWith("/*", i)) {
                i = indexOrEnd(source, "*/", i + 2) + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int end = indexOrEnd(source, "\"\"\"", i + 3);
                literals.add(source.substring(i + 3, Math.min(end, source.length())));
                i = end + 3;
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i);
                int j = i + 1;
                while (j < source.length() && source.charAt(j) != quote) {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                if (quote == '"') {
                    literals.add(source.substring(i + 1, Math.min(j, source.length())));
                }
                i = j + 1;
            } else {
                i++;
            }
        }
        return literals;
    }

    private static int indexOrEnd(String source, String token, int from) {
        int index = source.indexOf(token, from);
        return index < 0 ? source.length() : index;
    }
}
