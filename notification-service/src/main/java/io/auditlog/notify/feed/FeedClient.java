package io.auditlog.notify.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.common.input.StrictJson;

/**
 * Reads a page of a feed over REST (docs/architecture.md: {@code GET <feed>?after=POSITION&limit=N} answering
 * {@code {"items":[...],"next":POSITION}}) through the typed clients of {@link FeedApis}, with this service's own
 * client-credentials token. A page the producer refused with 401 is asked once more: the OIDC filter
 * (quarkus.rest-client-oidc-filter.refresh-on-unauthorized) fetches a new token for it.
 */
@ApplicationScoped
public class FeedClient {

    /** The producer answered with something other than a page: retried at the next ring. */
    public static class FeedUnavailable extends IOException {
        FeedUnavailable(String message) {
            super(message);
        }

        FeedUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One feed's page reader, as the consumer sees it. */
    @FunctionalInterface
    public interface Reader {
        FeedPage read(String after, int limit) throws IOException;
    }

    private final ObjectMapper json;
    private final FeedApis.AuditFeed auditFeed;
    private final FeedApis.ExportReadyFeed exportReadyFeed;

    /**
     * Pages are read without the request-input limits ({@link StrictJson#forProducerData}). The typed clients hand
     * the body over as bytes, so this mapper, not the REST client's, reads every page.
     */
    @Inject
    FeedClient(ObjectMapper json, @RestClient FeedApis.AuditFeed auditFeed,
            @RestClient FeedApis.ExportReadyFeed exportReadyFeed) {
        this.json = StrictJson.forProducerData(json);
        this.auditFeed = auditFeed;
        this.exportReadyFeed = exportReadyFeed;
    }

    /** A page of the audit-service's change feed after {@code after} ('' for the start). */
    public FeedPage readAudit(String after, int limit) throws IOException {
        return read("audit feed", () -> auditFeed.page(after.isEmpty() ? null : after, limit), after);
    }

    /** A page of the export-service's export-ready feed after {@code after} ('' for the start). */
    public FeedPage readExportReady(String after, int limit) throws IOException {
        return read("export-ready feed", () -> exportReadyFeed.page(after.isEmpty() ? null : after, limit), after);
    }

    private FeedPage read(String feed, java.util.function.Supplier<Response> call, String after) throws IOException {
        byte[] body;
        int status;
        try {
            Response first = call.get();
            if (first.getStatus() == 401) {
                first.close();
            }
            try (Response response = first.getStatus() == 401 ? call.get() : first) {
                status = response.getStatus();
                body = response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
            }
        } catch (RuntimeException e) {
            // Out of reach, too slow, or the circuit is open: the consumer tries again at its next ring.
            throw new FeedUnavailable("The " + feed + " could not be read: " + e, e);
        }
        if (status != 200) {
            throw new FeedUnavailable("The " + feed + " answered " + status + ": "
                    + new String(body, StandardCharsets.UTF_8));
        }
        JsonNode page = json.readTree(body);
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        String next = page.path("next").asText(after);
        return new FeedPage(items, next);
    }
}
