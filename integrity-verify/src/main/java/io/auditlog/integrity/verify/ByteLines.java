package io.auditlog.integrity.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a stream as bytes, split at {@code \n} (a {@code \r} before it dropped, as a reader drops it): a
 * report's rows go to the leaf hash as the UTF-8 the export wrote, with no decoding to characters and back.
 */
final class ByteLines implements AutoCloseable {

    private final InputStream in;
    private byte[] buffer = new byte[1 << 20];
    private int start;
    private int end;
    private boolean eof;

    ByteLines(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end (a last line without {@code \n} counts). */
    byte[] next() throws IOException {
        int searched = 0; // bytes after start already known to hold no line feed
        while (true) {
            for (int i = start + searched; i < end; i++) {
                if (buffer[i] == '\n') {
                    byte[] line = Arrays.copyOfRange(buffer, start, i > start && buffer[i - 1] == '\r' ? i - 1 : i);
                    start = i + 1;
                    return line;
                }
            }
            searched = end - start;
            if (eof) {
                if (start == end) {
                    return null;
                }
                byte[] line = Arrays.copyOfRange(buffer, start, end);
                start = end;
                return line;
            }
            fill();
        }
    }

    /** Moves the unread bytes to the front (doubling the buffer for a line longer than it) and reads more. */
    private void fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
        } else {
            end += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
