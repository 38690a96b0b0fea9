package io.auditlog.export.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.export.config.ExportConfig;
import io.auditlog.export.domain.ExportJob;
import io.auditlog.export.domain.ClaimedJob;
import io.smallrye.mutiny.Uni;

/**
 * The export-service's calls to the audit-service: checking a report's filters with the requesting admin's own
 * token, recording the export in the audit log, and opening the stream of a report's rows.
 *
 * <p>
 * HTTP/1.1, not the h2c the JDK client would otherwise negotiate: over HTTP/2 every call of every tenant shared one
 * connection, and a single request the audit-service refused at the protocol level (a 10,000-value filter, far
 * past its header limits) tore that connection down with every other tenant's check and every running report
 * stream on it. Over HTTP/1.1 each request in flight has a pooled connection of its own, so a bad request or
 * answer ends only its own. Streaming a report over HTTP/1.1 measured the same as over h2c (bench/README.md).
 *
 * <p>
 * The check and the record go through typed REST clients ({@link CallerQueryApi} with the admin's token,
 * {@link AuditEventsApi} with this service's client-credentials token from quarkus-oidc-client), whose Vert.x HTTP
 * client speaks HTTP/1.1 with a pooled connection per request in flight. The report stream stays on the JDK's
 * HTTP/1.1 client, with the same service token ({@link ServiceTokens}): its body is read as a blocking
 * {@link InputStream} at the pace the worker writes chunks (back-pressure through the socket, nothing buffered
 * beyond the socket's window), and its framing is checked so that a cut stream fails to read instead of ending
 * early; the typed client would buffer the body, or hand it over as Vert.x buffers without that check.
 */
@ApplicationScoped
public class AuditServiceClient {

    private final HttpClient http;
    private final ExportConfig config;
    private final ObjectMapper json;
    private final AuditEventsApi events;
    private final CallerQueryApi queries;
    private final ServiceTokens tokens;

    @Inject
    AuditServiceClient(ExportConfig config, ObjectMapper json, @RestClient AuditEventsApi events,
            @RestClient CallerQueryApi queries, ServiceTokens tokens) {
        this.config = config;
        this.json = json;
        this.events = events;
        this.queries = queries;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.audit().connectTimeout()).build();
    }

    /**
     * Asks the audit-service whether the admin may run this query (filters valid, categories in the plan), so a
     * bad report request fails at once with the audit-service's own problem, not later in the job. A check
     * ({@code check=true}) answers no events.
     */
    public Uni<Void> checkQuery(String adminToken, Map<String, List<String>> filters, Instant from, Instant to) {
        Map<String, List<String>> params = new LinkedHashMap<>(filters);
        params.put("from", List.of(from.toString()));
        params.put("to", List.of(to.toString()));
        // A check reads nothing, so the audit-service records no search by the admin for it: the report itself is
        // recorded (recordExport), once, as the EXPORT action it is.
        params.put("check", List.of("true"));
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        params.forEach(query::addAll);
        return send(() -> queries.search(query, "Bearer " + adminToken)).map(response -> {
            if (response.statusCode() == 400 || response.statusCode() == 403) {
                throw passOn(response, "filters.");
            }
            if (response.statusCode() == 414 || response.statusCode() == 431) {
                // The edge limits keep every query below the audit-service's request-line limit; should they
                // ever disagree, retrying would not help, so this is the caller's 400, not a 503.
                throw ProblemException.badRequest("filters", "too long for the audit log's query");
            }
            requireSuccess(response);
            return null;
        });
    }

    /** Records the export request as an EXPORT action of the requesting user, linking to the job. */
    public Uni<Void> recordExport(ExportJob job) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("id", job.requestedBy());
        actor.put("email", job.requesterEmail());
        actor.put("type", "USER");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "export-" + job.id());
        event.put("occurredAt", job.createdAt().toString());
        event.put("category", "EXPORT");
        event.put("subcategory", job.type().auditSubcategory());
        event.put("action", "EXPORT");
        event.put("actor", actor);
        event.put("object", Map.of("type", "EXPORT_JOB", "id", job.id().toString(), "name",
                job.type().id() + " " + job.from() + " to " + job.to()));
        // The filters (the job's query, a requested view as "view") are there so that the report can be asked for
        // again from its log entry once the report itself is deleted: without them it would be a wider report.
        event.put("details", Map.of("jobId", job.id().toString(), "type", job.type().id(),
                "format", job.format().extension(), "from", job.from().toString(), "to", job.to().toString(),
                "timeZone", job.timeZone(), "filters", job.query(), "download", "/api/v1/exports/" + job.id()));
        byte[] body;
        try {
            body = json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        // A 401 means the event was not recorded: asking again with a new token cannot record it twice.
        return send(() -> events.record(job.accountId(), body)).invoke(AuditServiceClient::requireSuccess)
                .replaceWithVoid();
    }

    /** Opens the stream of a report's rows (blocking: called on the worker's thread). */
    public InputStream openReport(ClaimedJob job) throws IOException, InterruptedException {
        Map<String, List<String>> params = new LinkedHashMap<>(job.query());
        params.put("account", List.of(job.accountId()));
        params.put("layout", List.of(job.type().layout().id()));
        params.put("format", List.of(job.format().extension()));
        params.put("from", List.of(job.from().toString()));
        params.put("to", List.of(job.to().toString()));
        HttpResponse<InputStream> response = openStream(params);
        if (response.statusCode() == 401) {
            // The token was refused although it had not expired here (revoked, or the clocks disagree): once more
            // with a new one. A GET that the audit-service refused has started nothing.
            response.body().close();
            tokens.refused();
            response = openStream(params);
        }
        if (response.statusCode() != 200) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            throw new AuditServiceException(response.statusCode(), body);
        }
        if (!framed(response)) {
            response.body().close();
            throw new IOException("The report stream has neither chunked encoding nor a Content-Length: its end "
                    + "could not be told from a cut connection");
        }
        return response.body();
    }

    private HttpResponse<InputStream> openStream(Map<String, List<String>> params)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/events/export", params))
                .header("Authorization", "Bearer " + serviceToken()).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    /**
     * Whether the end of the body is marked, so that a cut stream fails to read instead of ending early: the last
     * chunk of chunked encoding, a Content-Length, or HTTP/2's end of stream. An HTTP/1.1 body delimited only by
     * the connection closing (allowed, e.g. behind some proxies) ends the same way whether complete or cut.
     */
    private static boolean framed(HttpResponse<?> response) {
        if (response.version() != HttpClient.Version.HTTP_1_1) {
            return true;
        }
        boolean chunked = response.headers().allValues("Transfer-Encoding").stream()
                .anyMatch(v -> v.toLowerCase(java.util.Locale.ROOT).contains("chunked"));
        return chunked || response.headers().firstValue("Content-Length").isPresent();
    }

    /**
     * The length of {@code name}'s values in the query string as this client sends them ({@code name=value&}
     * each): what counts against the audit-service's request-line limit.
     */
    public static int encodedLength(String name, List<String> values) {
        int length = 0;
        int encodedName = encode(name).length();
        for (String value : values) {
            length += encodedName + encode(value).length() + 2;
        }
        return length;
    }

    /**
     * Sends a typed client's call and reads its answer. A 401 is asked once more: the REST client's OIDC filter
     * (quarkus.rest-client-oidc-filter.refresh-on-unauthorized) fetches a new token for it. The audit-service out
     * of reach, too slow (the interfaces' @Timeout) or failing repeatedly is this service's 503.
     */
    private Uni<Answer> send(java.util.function.Supplier<Uni<? extends Response>> call) {
        return Uni.createFrom().<Response> deferred(call).map(Answer::of)
                .onItem().transformToUni(answer -> answer.statusCode() == 401
                        ? Uni.createFrom().<Response> deferred(call).map(Answer::of)
                        : Uni.createFrom().item(answer))
                // Out of reach, too slow (@Timeout), failing (circuit open) or no token to be had: retry shortly.
                .onFailure(e -> !(e instanceof ProblemException))
                .transform(e -> new ProblemException(503, "Service unavailable",
                        "The audit-service cannot be reached; retry shortly", List.of()));
    }

    /** A typed client's answer: its status and body, read in full (check and record answers are small). */
    record Answer(int statusCode, String body) {
        static Answer of(Response response) {
            try (response) {
                return new Answer(response.getStatus(), response.hasEntity() ? response.readEntity(String.class) : "");
            }
        }
    }

    private static void requireSuccess(Answer response) {
        if (response.statusCode() / 100 != 2) {
            throw new ProblemException(503, "Service unavailable", "The audit-service answered "
                    + response.statusCode() + "; retry shortly", List.of());
        }
    }

    /**
     * The audit-service's 400 or 403, as this service's own problem, fields prefixed with {@code prefix}; the view
     * parameter is the request's {@code viewId} (a saved view the requester may not use, or no longer exists).
     */
    private ProblemException passOn(Answer response, String prefix) {
        try {
            JsonNode problem = json.readTree(response.body());
            List<FieldProblem> errors = new ArrayList<>();
            problem.path("errors").forEach(e -> {
                String field = e.path("field").asText();
                errors.add(new FieldProblem(field.equals("view") ? "viewId" : prefix + field,
                        e.path("reason").asText()));
            });
            return new ProblemException(response.statusCode(), problem.path("title").asText("Invalid request"),
                    problem.path("detail").asText(), errors);
        } catch (JsonProcessingException e) {
            return new ProblemException(response.statusCode(), "Invalid request", response.body(), List.of());
        }
    }

    /**
     * The service's token for a report stream. An identity provider out of reach is a transient failure (an
     * IOException: the job is claimed again later), not a reason to fail the job.
     */
    private String serviceToken() throws IOException {
        try {
            return tokens.accessToken();
        } catch (RuntimeException e) {
            throw new IOException("No token for the audit-service from the identity provider: " + e.getMessage(), e);
        }
    }

    private URI uri(String path, Map<String, List<String>> params) {
        StringBuilder url = new StringBuilder(config.audit().url()).append(path);
        char separator = '?';
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            for (String value : param.getValue()) {
                url.append(separator).append(encode(param.getKey())).append('=').append(encode(value));
                separator = '&';
            }
        }
        return URI.create(url.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The audit-service refused or failed a report stream. */
    public static class AuditServiceException extends IOException {
        private final int status;

        AuditServiceException(int status, String body) {
            super("audit-service answered " + status + ": " + body);
            this.status = status;
        }

        /** A refusal (4xx) will not change on retry; anything else may. */
        public boolean isPermanent() {
            return status / 100 == 4;
        }
    }
}
