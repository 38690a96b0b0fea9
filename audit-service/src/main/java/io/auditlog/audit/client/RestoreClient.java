package io.auditlog.audit.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.RestoreSignature;
import io.smallrye.mutiny.Uni;

/**
 * Sends restore requests to producers' endpoints. The JDK's HTTP client rather than a MicroProfile REST client:
 * the URL differs per account and is only known at run time (a REST client is bound to one base URL), it is
 * asynchronous, takes a timeout per request, and is told never to follow redirects, so a producer cannot bounce
 * the request to an address the URL rules refused.
 */
@ApplicationScoped
public class RestoreClient {

    /** What the producer answered: its status, or why there was none (a timeout, a refused connection). */
    public record Answer(int status, String error) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** Worth another try: no answer, a server error, 408 or 429. */
        public boolean retryable() {
            return status == 0 || status >= 500 || status == 408 || status == 429;
        }

        public String describe() {
            return status == 0 ? error : "the endpoint answered HTTP " + status;
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    RestoreClient(AuditConfig config) {
        this.timeout = config.restore().requestTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** POSTs the body, signed with the secret; never fails: every failure is an {@link Answer}. */
    public Uni<Answer> send(URI url, String restoreId, String secret, String body) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Audit-Restore-Id", restoreId)
                .header(RestoreSignature.HEADER, RestoreSignature.header(secret, Instant.now().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> new Answer(response.statusCode(), null))
                .onFailure().recoverWithItem(e -> new Answer(0, reason(e)));
    }

    /** Why there was no answer, in words for the log entry: never the secret or the signature. */
    private String reason(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof HttpConnectTimeoutException) {
            return "no connection within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof IOException) {
            return "connection failed: " + cause.getClass().getSimpleName();
        }
        return "request failed: " + cause.getClass().getSimpleName();
    }
}
