package io.auditlog.bench.sustained;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small blocking client of one service: GET, POST and PUT with a bearer token, the answer as JSON; any status but
 * the expected one is an {@link IOException} naming the request and the answer. One HTTP/1.1 connection per
 * instance, so callers on different threads each have their own.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Api(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    JsonNode get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), token, 200);
    }

    JsonNode post(String path, String token, String json, int expected) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), token, expected);
    }

    /** A POST answered with any of {@code accepted} (an ingest sent again is 200 when every event was stored). */
    JsonNode post(String path, String token, String json, java.util.Set<Integer> accepted)
            throws IOException, InterruptedException {
        HttpRequest built = HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
        if (!accepted.contains(response.statusCode())) {
            String body = response.body();
            throw new IOException("POST " + path + " answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(body.length(), 500)));
        }
        return JSON.readTree(response.body());
    }

    JsonNode put(String path, String token, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), token, 200);
    }

    /** The raw body of a GET, for pages too large to want a tree of (the feed). */
    byte[] getBytes(String path, String token) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(1)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": "
                    + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return response.body();
    }

    private JsonNode send(HttpRequest.Builder request, String token, int expected)
            throws IOException, InterruptedException {
        HttpRequest built = request.header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            String body = response.body();
            throw new IOException(built.method() + " " + built.uri().getPath() + " answered " + response.statusCode()
                    + ": " + body.substring(0, Math.min(body.length(), 500)));
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }
}
