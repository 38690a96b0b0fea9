package io.auditlog.notify.feed;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.notify.config.NotifyConfig;

/**
 * Reads a page of a feed over REST (ARCHITECTURE.md: {@code GET <feed>?after=POSITION&limit=N} answering
 * {@code {"items":[...],"next":POSITION}}) with this service's own client token.
 */
@ApplicationScoped
public class FeedClient {

    /** The producer answered with something other than a page: retried at the next ring. */
    public static class FeedUnavailable extends IOException {
        FeedUnavailable(String message) {
            super(message);
        }
    }

    /**
     * Longer than any number a page can hold: PostgreSQL writes a jsonb number in full, so an event's details value
     * of 1e300 comes back as 301 digits (its numeric type allows 131,072 before the point and 16,383 after).
     */
    static final int MAX_FEED_NUMBER_LENGTH = 200_000;
    /** Details nest as deep as the producer's ingest allowed, and a page adds its own levels around them. */
    static final int MAX_FEED_NESTING = 1_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
    private final ObjectMapper json;

    /**
     * Pages are read with the service's mapper but not with its request-input limits (StrictJson): those refuse
     * what a client may send, and a page carries what the producer stored, which any tenant's event shapes. A page
     * refused for a long number would be read again and refused again: the feed would stop for every tenant.
     */
    FeedClient(ObjectMapper json) {
        this.json = json.copy();
        this.json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_FEED_NUMBER_LENGTH).maxNestingDepth(MAX_FEED_NESTING).build());
    }

    public FeedPage read(NotifyConfig.Producer producer, String path, String after, int limit)
            throws IOException, InterruptedException {
        URI uri = URI.create(producer.url() + path + "?limit=" + limit
                + (after.isEmpty() ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(producer.timeout()).GET()
                .header("Accept", "application/json");
        producer.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new FeedUnavailable(uri + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        JsonNode page = json.readTree(response.body());
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        String next = page.path("next").asText(after);
        return new FeedPage(items, next);
    }
}
