package io.auditlog.export.worker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a report stream into whole records without decoding it. The audit-service writes RFC 4180 CSV (Commons
 * CSV does the quoting there), where a record ends at a line feed outside quotes, and a quote inside a quoted cell
 * is doubled, so toggling on every quote keeps the state exact. NDJSON lines end at a bare line feed (JSON escapes
 * line breaks inside strings). Copying bytes instead of parsing and printing every cell keeps the export worker
 * cheap next to the database.
 *
 * <p>
 * A record is handed out as a slice ({@link #array()}, {@link #offset()}, {@link #length()}) valid until the next
 * call: usually a window of the read buffer itself, so a million records cost no million small arrays; only a
 * record that straddles two reads is assembled in a spill buffer.
 */
final class RecordReader {

    private final InputStream in;
    private final boolean csv;
    private final byte[] buffer = new byte[1 << 16];
    private byte[] spill = new byte[1 << 10];
    private int spilled;
    private int position;
    private int limit;
    private boolean inQuotes;
    private byte[] array;
    private int offset;
    private int length;

    RecordReader(InputStream in, boolean csv) {
        this.in = in;
        this.csv = csv;
    }

    /**
     * Moves to the next whole record with its line ending; false at the end of the stream. Every record the
     * audit-service writes ends with its line ending, so a stream that ends inside a record was cut (a connection
     * that closed early, a server that ended its response midway): that is an error, never a last, shorter record.
     */
    boolean next() throws IOException {
        spilled = 0;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (spilled == 0) {
                        return false;
                    }
                    throw new IOException("The report stream ended inside a record" + (inQuotes ? " (in a quoted cell)"
                            : "") + ": it was cut short");
                }
            }
            int start = position;
            while (position < limit) {
                byte b = buffer[position++];
                if (csv && b == '"') {
                    inQuotes = !inQuotes;
                } else if (b == '\n' && !inQuotes) {
                    if (spilled == 0) {
                        return slice(buffer, start, position - start);
                    }
                    keep(start, position - start);
                    return slice(spill, 0, spilled);
                }
            }
            keep(start, position - start);
        }
    }

    /** The bytes of the current record, from {@link #offset()} for {@link #length()}; do not keep the array. */
    byte[] array() {
        return array;
    }

    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    /** A copy of the current record, for keeping (the header). */
    byte[] copy() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    private boolean slice(byte[] bytes, int from, int count) {
        array = bytes;
        offset = from;
        length = count;
        return true;
    }

    /** Keeps part of a record that goes on past the read buffer. */
    private void keep(int from, int count) {
        if (spilled + count > spill.length) {
            spill = Arrays.copyOf(spill, Math.max(spill.length * 2, spilled + count));
        }
        System.arraycopy(buffer, from, spill, spilled, count);
        spilled += count;
    }
}
