package io.auditlog.analytics.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.analytics.config.AnalyticsConfig;
import io.auditlog.analytics.domain.CatalogCodes;
import io.auditlog.analytics.domain.FeedEvent;
import io.auditlog.analytics.domain.FeedPage;
import io.auditlog.common.problem.ProblemException;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/**
 * The analytics-service's calls to the audit-service: pages of the change feed (with its own service token) and
 * the caller's account plan (with the caller's own token, so the audit-service decides whose account it is).
 */
@ApplicationScoped
public class AuditClient {

    /**
     * Longer than any number a feed page can hold: PostgreSQL writes a jsonb number in full, so an event's details
     * value of 1e300 comes back as 301 digits (its numeric type allows 131,072 before the point and 16,383 after).
     */
    static final int MAX_FEED_NUMBER_LENGTH = 200_000;
    /** Details nest as deep as ingest allowed, and a page adds its own levels around them. */
    static final int MAX_FEED_NESTING = 1_000;

    private final HttpClient http;
    private final AnalyticsConfig config;
    private final ObjectMapper json;
    private final ObjectMapper feedJson;

    /**
     * Feed pages are read without the request-input limits of the service's mapper (StrictJson): a page carries
     * what the audit-service stored, which any tenant's event shapes, and a page refused for a long number would
     * be read again and refused again, stopping the rollups of every tenant.
     */
    AuditClient(AnalyticsConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.feedJson = json.copy();
        this.feedJson.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_FEED_NUMBER_LENGTH).maxNestingDepth(MAX_FEED_NESTING).build());
        this.http = HttpClient.newBuilder().connectTimeout(config.audit().timeout()).build();
    }

    /** The feed page after {@code position} ('' for the start). */
    public Uni<FeedPage> feedPage(String position, int limit) {
        URI uri = URI.create(config.audit().url() + "/internal/v1/feed?limit=" + limit
                + (position.isEmpty() ? "" : "&after=" + URLEncoder.encode(position, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + serviceToken())
                .timeout(config.audit().timeout()).GET().build();
        return send(request).map(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The audit feed answered " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            return toPage(position, response.body());
        });
    }

    /**
     * The audit catalog's category and action codes, asked with the caller's own token (any super admin may read
     * it): the codes a filter may name are the audit-service's to know, as the plan is.
     */
    public Uni<CatalogCodes> catalogCodes(String callerToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.audit().url() + "/api/v1/catalog"))
                .header("Authorization", "Bearer " + callerToken).timeout(config.audit().timeout()).GET().build();
        return send(request).map(response -> {
            if (response.statusCode() != 200) {
                throw unavailable("The audit-service answered " + response.statusCode()
                        + " when asked for the catalog; retry shortly");
            }
            try {
                Set<String> categories = new HashSet<>();
                Set<String> actions = new HashSet<>();
                for (JsonNode category : json.readTree(response.body()).path("categories")) {
                    categories.add(category.path("code").asText());
                    category.path("actions").forEach(action -> actions.add(action.path("code").asText()));
                }
                if (categories.isEmpty()) {
                    throw unavailable("The audit-service's catalog lists no categories; retry shortly");
                }
                return new CatalogCodes(categories, actions);
            } catch (JsonProcessingException e) {
                throw unavailable("The audit-service's catalog could not be read; retry shortly");
            }
        });
    }

    /**
     * The plan of the caller's account (STARTER, PROFESSIONAL, ENTERPRISE), asked with the caller's own token and
     * kept briefly per account (quarkus.cache.caffeine."analytics-plans"): dashboards ask on every request.
     */
    @CacheResult(cacheName = "analytics-plans")
    public Uni<String> planOf(@CacheKey String accountId, String callerToken) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.audit().url() + "/api/v1/account"))
                .header("Authorization", "Bearer " + callerToken).timeout(config.audit().timeout()).GET().build();
        return send(request).map(response -> {
            if (response.statusCode() != 200) {
                throw unavailable("The audit-service answered " + response.statusCode()
                        + " when asked for the account's plan; retry shortly");
            }
            try {
                return json.readTree(response.body()).path("plan").asText("");
            } catch (JsonProcessingException e) {
                throw unavailable("The audit-service's account answer could not be read; retry shortly");
            }
        });
    }

    private FeedPage toPage(String after, String body) {
        try {
            JsonNode page = feedJson.readTree(body);
            List<FeedEvent> events = new ArrayList<>(page.path("items").size());
            for (JsonNode item : page.path("items")) {
                JsonNode actor = item.path("actor");
                JsonNode object = item.path("object");
                events.add(new FeedEvent(item.path("accountId").asText(),
                        Instant.parse(item.path("occurredAt").asText()), item.path("category").asText(),
                        text(item, "subcategory"), item.path("action").asText(), text(actor, "id"),
                        text(actor, "email"), text(object, "type"), text(object, "id")));
            }
            return new FeedPage(after, events, page.path("next").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The audit feed's page could not be read: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private Uni<HttpResponse<String>> send(HttpRequest request) {
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .onFailure(IOException.class).transform(e -> unavailable(
                        "The audit-service cannot be reached; retry shortly"));
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service unavailable", detail, List.of());
    }

    private String serviceToken() {
        return config.audit().token().orElseThrow(() -> new IllegalStateException(
                "analytics.audit.token is not set: the analytics-service has no credentials for the audit feed"));
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
