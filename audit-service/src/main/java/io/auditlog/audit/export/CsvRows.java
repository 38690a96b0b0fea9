package io.auditlog.audit.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * RFC 4180 CSV through Commons CSV, with spreadsheet formula injection neutralised: a cell that a spreadsheet
 * would evaluate (starting with = + - @, tab or carriage return) is prefixed with an apostrophe.
 */
public final class CsvRows {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180; // CRLF records, quotes where needed

    private CsvRows() {
    }

    /** The given rows as CSV text, each ending in CRLF. */
    public static String format(List<List<String>> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 256);
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            for (List<String> row : rows) {
                List<String> cells = new ArrayList<>(row.size());
                for (String cell : row) {
                    cells.add(neutralise(cell));
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }

    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }
}
