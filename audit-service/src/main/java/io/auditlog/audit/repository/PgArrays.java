package io.auditlog.audit.repository;

import java.util.List;

/**
 * PostgreSQL array literals: a batch passes each column as one array parameter, and arrays of arrays cannot be
 * unnested row by row, so a row's text[] travels as its literal ({"a","b"}) and is cast back in SQL.
 */
final class PgArrays {

    private PgArrays() {
    }

    static String literal(List<String> values) {
        if (values == null) {
            return null;
        }
        StringBuilder literal = new StringBuilder(2 + values.size() * 16).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            String value = values.get(i);
            for (int c = 0; c < value.length(); c++) {
                char ch = value.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }
}
