package io.auditlog.export.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.export.config.ExportConfig;

/**
 * The audit-service's multiproof endpoint ({@code POST /api/v1/integrity/multiproof}) for a report's proof file:
 * blocking, on the worker's thread, with this service's client-credentials token, as the report stream is read.
 */
@ApplicationScoped
public class IntegrityClient {

    /** The rows asked about are not all sealed under the head named (or no head is signed yet): wait, then ask again. */
    public static final class NotSealedYet extends IOException {
        private static final long serialVersionUID = 1L;

        public NotSealedYet(String detail) {
            super(detail);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final ExportConfig config;
    private final ObjectMapper json;
    private final ServiceTokens tokens;

    IntegrityClient(ExportConfig config, ObjectMapper json, ServiceTokens tokens) {
        this.config = config;
        this.json = json;
        this.tokens = tokens;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.audit().connectTimeout()).build();
    }

    /**
     * The leaves of {@code eventIds} (in their order) and their multiproof under the head of {@code treeSize} leaves
     * (null: the newest head), with that head: {@code {"treeHead","sealedSize","leafIndexes","leafHashes","nodes"}}.
     */
    public JsonNode multiproof(String accountId, Long treeSize, List<String> eventIds)
            throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("treeSize", treeSize);
        body.put("eventIds", eventIds);
        byte[] bytes = json.writeValueAsBytes(body);
        HttpResponse<byte[]> response = send(accountId, bytes);
        if (response.statusCode() == 401) {
            tokens.refused(); // revoked, or the clocks disagree: once more with a new token (a proof changes nothing)
            response = send(accountId, bytes);
        }
        if (response.statusCode() == 409) {
            throw new NotSealedYet(json.readTree(response.body()).path("detail").asText("not sealed yet"));
        }
        if (response.statusCode() != 200) {
            throw new AuditServiceClient.AuditServiceException(response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        return json.readTree(response.body());
    }

    private HttpResponse<byte[]> send(String accountId, byte[] body) throws IOException, InterruptedException {
        String token;
        try {
            token = tokens.accessToken();
        } catch (RuntimeException e) {
            throw new IOException("No token for the audit-service from the identity provider: " + e.getMessage(), e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(config.audit().url()
                + "/api/v1/integrity/multiproof?account=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8)))
                .timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
