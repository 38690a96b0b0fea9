package io.auditlog.analytics.client;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.analytics.domain.CatalogCodes;
import io.auditlog.common.feed.FeedEngine.FeedUnavailableException;
import io.auditlog.common.feed.FeedEvent;
import io.auditlog.common.feed.FeedPage;
import io.auditlog.common.feed.FeedPageReader;
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

    private final ObjectMapper json;
    private final FeedPageReader<FeedEvent> feedPages;
    private final AuditFeedApi feed;
    private final CallerApi caller;

    /**
     * Feed pages are read into the platform's feed records ({@link FeedPageReader}: without the request-input
     * limits, unknown fields ignored). The typed clients hand bodies over as text, so these readers, not the REST
     * client's, read every answer.
     */
    @Inject
    AuditClient(ObjectMapper json, @RestClient AuditFeedApi feed, @RestClient CallerApi caller) {
        this.json = json;
        this.feedPages = FeedPageReader.of(json, FeedEvent.class);
        this.feed = feed;
        this.caller = caller;
    }

    /** The feed page after {@code position} ('' for the start). */
    public Uni<FeedPage<FeedEvent>> feedPage(String position, int limit) {
        // A 401 is asked once more: the OIDC filter (refresh-on-unauthorized) fetches a new token for it.
        return send(() -> feed.page(position.isEmpty() ? null : position, limit), true).map(response -> {
            if (response.statusCode() != 200) {
                throw new FeedUnavailableException("The audit feed answered " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            try {
                return feedPages.read(response.body(), position);
            } catch (IOException e) {
                throw new FeedUnavailableException("The audit feed's page could not be read: " + e.getMessage(), e);
            }
        });
    }

    /**
     * The audit catalog's category and action codes, asked with the caller's own token (any super admin may read
     * it): the codes a filter may name are the audit-service's to know, as the plan is.
     */
    public Uni<CatalogCodes> catalogCodes(String callerToken) {
        return send(() -> caller.catalog("Bearer " + callerToken), false).map(response -> {
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
     * Records the caller's view of a dashboard section (the audit-service takes the person from the token); any
     * answer but 204 is a 503: the section is not shown unrecorded.
     */
    public Uni<Void> recordAnalyticsView(String callerToken, String section, java.util.Map<String, Object> params) {
        String body;
        try {
            body = json.writeValueAsString(java.util.Map.of("section", section, "filters", params));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return send(() -> caller.analyticsViewed("Bearer " + callerToken, body), false).map(response -> {
            if (response.statusCode() != 204) {
                throw unavailable("The audit-service answered " + response.statusCode()
                        + " when the dashboard's view was recorded; retry shortly");
            }
            return null;
        });
    }

    /**
     * The plan of the caller's account (STARTER, PROFESSIONAL, ENTERPRISE), asked with the caller's own token and
     * kept briefly per account (quarkus.cache.caffeine."analytics-plans"): dashboards ask on every request.
     */
    @CacheResult(cacheName = "analytics-plans")
    public Uni<String> planOf(@CacheKey String accountId, String callerToken) {
        return send(() -> caller.account("Bearer " + callerToken), false).map(response -> {
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

    /**
     * Sends a typed client's call and reads its answer; with {@code againOn401}, a 401 is asked once more (a new
     * service token). Out of reach, too slow, or a circuit open is a 503.
     */
    private Uni<Answer> send(Supplier<Uni<? extends Response>> call, boolean againOn401) {
        return Uni.createFrom().<Response> deferred(call).map(Answer::of)
                .onItem().transformToUni(answer -> againOn401 && answer.statusCode() == 401
                        ? Uni.createFrom().<Response> deferred(call).map(Answer::of)
                        : Uni.createFrom().item(answer))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> unavailable(
                        "The audit-service cannot be reached; retry shortly"));
    }

    /** An answer read in full: its status and body. */
    record Answer(int statusCode, String body) {
        static Answer of(Response response) {
            try (response) {
                return new Answer(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "");
            }
        }
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "Service unavailable", detail, List.of());
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
