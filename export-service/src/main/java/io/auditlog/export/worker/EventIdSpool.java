package io.auditlog.export.worker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The event id of every row of an NDJSON report, in order, with its file number, kept in a temporary file while the
 * report is written: the proof is asked for afterwards in chunks, and a million ids held in memory would cost more
 * than the report's own few chunks do. Each row's id is read with a streaming parser that stops at the top-level
 * {@code id} (the first member of an event as the audit-service writes it), so no row is parsed whole.
 */
final class EventIdSpool implements ReportWriter.Records, AutoCloseable {

    /** One row: its file and its event's id. */
    record Row(int fileNo, String eventId) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final Path file;
    private final DataOutputStream out;
    private DataInputStream in;

    EventIdSpool() throws IOException {
        this.file = Files.createTempFile("export-ids-", ".bin");
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    @Override
    public void accept(int fileNo, byte[] array, int offset, int length) throws IOException {
        out.writeInt(fileNo);
        out.writeUTF(eventId(array, offset, length));
    }

    /** Ends writing. */
    void finish() throws IOException {
        out.close();
    }

    /** Reads the rows from the first again ({@link #next()}): a proof given up is started over. */
    void rewind() throws IOException {
        if (in != null) {
            in.close();
        }
        in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** The next row, or null after the last. */
    Row next() throws IOException {
        try {
            int fileNo = in.readInt();
            return new Row(fileNo, in.readUTF());
        } catch (EOFException end) {
            return null;
        }
    }

    static String eventId(byte[] array, int offset, int length) throws IOException {
        try (JsonParser parser = JSON.createParser(array, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("A row of the NDJSON report is not a JSON object");
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(name) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
        }
        throw new IOException("A row of the NDJSON report has no event id");
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
            if (in != null) {
                in.close();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
