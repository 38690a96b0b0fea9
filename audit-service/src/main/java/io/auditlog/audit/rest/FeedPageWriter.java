package io.auditlog.audit.rest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.api.EventView;
import io.auditlog.audit.api.EventViewSerializer;
import io.auditlog.audit.domain.FeedPageEnd;
import io.vertx.core.buffer.Buffer;

/**
 * Writes a feed page ({@link io.auditlog.audit.api.FeedPageView}'s JSON) item by item as the events arrive, into one
 * buffer sized for the page, which is then sent in one write with its length. Writing the record at the end instead
 * meant waiting for the whole page before the first byte was written, then copying the JSON three times (Jackson's
 * segments, one array, the response's buffer). FeedPageWriterTest holds the JSON to the record's.
 */
final class FeedPageWriter {

    /** Bytes of one event as the feed writes it, rounded up: a page is then written without growing the buffer. */
    private static final int EVENT_BYTES = 1024;

    private final Buffer buffer;
    private final JsonGenerator json;

    /** The generator is the mapper's, configured as its writers are, not a bare one of its factory. */
    FeedPageWriter(ObjectMapper mapper, int expectedItems) {
        this.buffer = Buffer.buffer(64 + Math.max(0, expectedItems) * EVENT_BYTES);
        try {
            this.json = mapper.createGenerator(new BufferOutput(buffer), JsonEncoding.UTF8);
            json.writeStartObject();
            json.writeFieldName("items");
            json.writeStartArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void item(EventView view) {
        try {
            EventViewSerializer.write(view, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Buffer finish(FeedPageEnd end) {
        try {
            json.writeEndArray();
            json.writeStringField("next", end.next().encode());
            json.writeNumberField("scanned", end.passed());
            json.writeEndObject();
            json.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer;
    }

    /** Jackson flushes its own 8,000-byte buffer here. */
    private static final class BufferOutput extends OutputStream {

        private final Buffer buffer;

        BufferOutput(Buffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void write(int b) {
            buffer.appendByte((byte) b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            buffer.appendBytes(bytes, offset, length);
        }
    }
}
