package io.auditlog.notify.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.common.feed.ExportReadyRecord;
import io.auditlog.common.feed.FeedEngine.FeedUnavailableException;
import io.auditlog.common.feed.FeedEvent;
import io.auditlog.common.feed.FeedPage;
import io.auditlog.common.feed.FeedPageReader;
import io.auditlog.notify.domain.Mention;
import io.smallrye.mutiny.Uni;

/**
 * Reads pages of the feeds this service consumes (docs/architecture.md: {@code GET <feed>?after=POSITION&limit=N}
 * answering {@code {"items":[...],"next":POSITION}}) through the typed clients of {@link FeedApis}, with this
 * service's own client-credentials token, into the platform's feed records. A page the producer refused with 401 is
 * asked once more: the OIDC filter (quarkus.rest-client-oidc-filter.refresh-on-unauthorized) fetches a new token
 * for it. Anything but a page fails the read with {@link FeedUnavailableException}: the consumer tries again at its
 * next ring.
 */
@ApplicationScoped
public class FeedClient {

    private final FeedPageReader<FeedEvent> auditPages;
    private final FeedPageReader<ExportReadyRecord> readyPages;
    private final FeedApis.AuditFeed auditFeed;
    private final FeedApis.ExportReadyFeed exportReadyFeed;
    private final FeedPageReader<Mention> mentionPages;
    private final FeedApis.MentionsFeed mentionsFeed;

    /** The typed clients hand the body over as bytes, so these readers, not the REST client's, read every page. */
    @Inject
    FeedClient(ObjectMapper json, @RestClient FeedApis.AuditFeed auditFeed,
            @RestClient FeedApis.ExportReadyFeed exportReadyFeed, @RestClient FeedApis.MentionsFeed mentionsFeed) {
        this.auditPages = FeedPageReader.of(json, FeedEvent.class);
        this.readyPages = FeedPageReader.of(json, ExportReadyRecord.class);
        this.auditFeed = auditFeed;
        this.exportReadyFeed = exportReadyFeed;
        this.mentionPages = FeedPageReader.of(json, Mention.class);
        this.mentionsFeed = mentionsFeed;
    }

    /**
     * A page of the audit-service's change feed after {@code after} ('' for the start) whose items are the events of
     * {@code actions} only; the page still passes up to {@code limit} events of the feed ({@link FeedPage#scanned()}).
     */
    public Uni<FeedPage<FeedEvent>> readAudit(String after, int limit, List<String> actions) {
        return read("audit feed", () -> auditFeed.page(after.isEmpty() ? null : after, limit, actions), auditPages,
                after);
    }

    /** A page of the export-service's export-ready feed after {@code after} ('' for the start). */
    public Uni<FeedPage<ExportReadyRecord>> readExportReady(String after, int limit) {
        return read("export-ready feed", () -> exportReadyFeed.page(after.isEmpty() ? null : after, limit),
                readyPages, after);
    }

    /** A page of the audit-service's mentions feed after {@code after} ('' for the start). */
    public Uni<FeedPage<Mention>> readMentions(String after, int limit) {
        return read("mentions feed", () -> mentionsFeed.page(after.isEmpty() ? null : after, limit), mentionPages,
                after);
    }

    private static <T> Uni<FeedPage<T>> read(String feed, Supplier<Uni<? extends Response>> call, FeedPageReader<T> pages,
            String after) {
        return Uni.createFrom().<Response> deferred(call).map(Answer::of)
                .chain(first -> first.status() == 401 ? Uni.createFrom().<Response> deferred(call).map(Answer::of)
                        : Uni.createFrom().item(first))
                .onFailure(e -> !(e instanceof FeedUnavailableException))
                // Out of reach, too slow, or the circuit is open: the consumer tries again at its next ring.
                .transform(e -> new FeedUnavailableException("The " + feed + " could not be read: " + e, e))
                .map(answer -> {
                    if (answer.status() != 200) {
                        throw new FeedUnavailableException("The " + feed + " answered " + answer.status() + ": "
                                + abbreviate(new String(answer.body(), StandardCharsets.UTF_8)));
                    }
                    try {
                        return pages.read(answer.body(), after);
                    } catch (IOException e) {
                        throw new FeedUnavailableException("The " + feed + "'s page could not be read: " + e, e);
                    }
                });
    }

    /** An answer read in full. */
    private record Answer(int status, byte[] body) {
        static Answer of(Response response) {
            try (response) {
                return new Answer(response.getStatus(), response.hasEntity() ? response.readEntity(byte[].class)
                        : new byte[0]);
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
