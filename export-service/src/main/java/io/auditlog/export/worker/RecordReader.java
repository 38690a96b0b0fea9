package io.auditlog.export.worker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a report stream into whole records without decoding it. The audit-service writes RFC 4180 CSV (Commons
 * CSV does the quoting there), where a record ends at a line feed outside quotes, and a quote inside a quoted cell
 * is doubled, so toggling on every quote keeps the state exact. NDJSON lines end at a bare line feed (JSON escapes
 * line breaks inside strings). Copying bytes instead of parsing and printing every cell keeps the export worker
 * cheap next to the database.
 */
final class RecordReader {

    private final InputStream in;
    private final boolean csv;
    private final byte[] buffer = new byte[1 << 16];
    private final ByteArrayOutputStream record = new ByteArrayOutputStream(512);
    private int position;
    private int limit;
    private boolean inQuotes;

    RecordReader(InputStream in, boolean csv) {
        this.in = in;
        this.csv = csv;
    }

    /** The next whole record with its line ending, or null at the end of the stream. */
    byte[] next() throws IOException {
        record.reset();
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (record.size() == 0) {
                        return null;
                    }
                    if (inQuotes) {
                        throw new IOException("The report stream ended inside a quoted cell");
                    }
                    return record.toByteArray(); // a last record without a line ending
                }
            }
            int start = position;
            while (position < limit) {
                byte b = buffer[position++];
                if (csv && b == '"') {
                    inQuotes = !inQuotes;
                } else if (b == '\n' && !inQuotes) {
                    record.write(buffer, start, position - start);
                    return record.toByteArray();
                }
            }
            record.write(buffer, start, position - start);
        }
    }
}
