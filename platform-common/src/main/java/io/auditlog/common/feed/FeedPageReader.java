package io.auditlog.common.feed;

import java.io.IOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.auditlog.common.input.StrictJson;

/**
 * Reads a feed page served by one of the platform's own producers into {@link FeedPage}: with
 * {@link StrictJson#forProducerData} (a page carries what the producer stored, without the request-input limits),
 * and tolerating fields the consumer does not know, so a producer can add fields without stopping its consumers.
 */
public final class FeedPageReader<T> {

    private final ObjectReader reader;

    private FeedPageReader(ObjectReader reader) {
        this.reader = reader;
    }

    /** A reader of pages of {@code itemType}, from the service's mapper (its modules and settings). */
    public static <T> FeedPageReader<T> of(ObjectMapper mapper, Class<T> itemType) {
        ObjectMapper producerData = StrictJson.forProducerData(mapper);
        return new FeedPageReader<>(producerData
                .readerFor(producerData.getTypeFactory().constructParametricType(FeedPage.class, itemType))
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
    }

    /** The page in {@code body}, read after {@code after}: a page without {@code next} stays where it was. */
    public FeedPage<T> read(byte[] body, String after) throws IOException {
        return orAfter(reader.readValue(body), after);
    }

    /** The page in {@code body} (text), read after {@code after}. */
    public FeedPage<T> read(String body, String after) throws IOException {
        return orAfter(reader.readValue(body), after);
    }

    private static <T> FeedPage<T> orAfter(FeedPage<T> page, String after) {
        return page.next() == null ? new FeedPage<>(page.items(), after) : page;
    }
}
