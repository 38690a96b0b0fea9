package io.auditlog.common.feed;

import java.io.IOException;
import java.io.StringWriter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;

/**
 * Reads a JSON value as its JSON text, keeping every number as written: PostgreSQL writes a jsonb number in full
 * (1e300 as 301 digits), and going through a double would change it. The producer writes such text back with
 * {@code @JsonRawValue}, so a record read and served again says the same.
 */
public final class RawJson extends JsonDeserializer<String> {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator copy = parser.getCodec().getFactory().createGenerator(text)) {
            copy(parser, copy);
        }
        return text.toString();
    }

    private static void copy(JsonParser parser, JsonGenerator copy) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                copy.writeStartObject();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    copy.writeFieldName(parser.currentName());
                    parser.nextToken();
                    copy(parser, copy);
                }
                copy.writeEndObject();
            }
            case START_ARRAY -> {
                copy.writeStartArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    copy(parser, copy);
                }
                copy.writeEndArray();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> copy.writeNumber(parser.getText());
            default -> copy.copyCurrentEvent(parser);
        }
    }
}
