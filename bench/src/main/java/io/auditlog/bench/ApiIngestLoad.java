package io.auditlog.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Ingests the dataset through {@code POST /api/v1/events}: the batches are serialised to JSON before the
 * clock starts, then {@code clients} threads, each with its own HTTP/1.1 connection, take the next batch
 * from a shared counter and post it with a token of the batch's account. Every response must be 201 and
 * report each event as created.
 */
public final class ApiIngestLoad {

    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int FAILURES_KEPT = 5;

    private final URI endpoint;
    private final Map<String, String> tokensByAccount;
    private final int clients;

    public ApiIngestLoad(URI baseUri, Map<String, String> tokensByAccount, int clients) {
        this.endpoint = baseUri.resolve("/api/v1/events");
        this.tokensByAccount = tokensByAccount;
        this.clients = clients;
    }

    /** One request body ready to send. */
    public record PreparedBatch(String accountId, int events, String firstEventId, byte[] body) {
    }

    public record Result(int events, int requests, double seconds, double eventsPerSecond, long bodyBytes,
            Map<Integer, Integer> statuses, int failedRequests, List<String> failures,
            Stats.Summary requestMillis) {

        boolean ok() {
            return failedRequests == 0;
        }

        /** The result as both reports write it to JSON; each adds what it counted in the database. */
        Map<String, Object> json() {
            Map<String, Object> json = new java.util.LinkedHashMap<>();
            json.put("events", events);
            json.put("seconds", seconds);
            json.put("rowsPerSecond", eventsPerSecond);
            json.put("requests", requests);
            json.put("requestBodyBytes", bodyBytes);
            json.put("statuses", statuses);
            json.put("failedRequests", failedRequests);
            json.put("failures", failures);
            json.put("requestMillis", requestMillis);
            return json;
        }
    }

    public static List<PreparedBatch> serialise(EventGenerator.Dataset dataset) {
        List<PreparedBatch> prepared = new ArrayList<>(dataset.batches().size());
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
        for (List<GeneratedEvent> batch : dataset.batches()) {
            buffer.reset();
            try (JsonGenerator json = JSON.createGenerator(buffer, JsonEncoding.UTF8)) {
                json.writeStartObject();
                json.writeArrayFieldStart("events");
                for (GeneratedEvent event : batch) {
                    write(json, event);
                }
                json.writeEndArray();
                json.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            prepared.add(new PreparedBatch(batch.get(0).accountId(), batch.size(), batch.get(0).eventId(),
                    buffer.toByteArray()));
        }
        return prepared;
    }

    private static void write(JsonGenerator json, GeneratedEvent e) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", e.eventId());
        json.writeStringField("occurredAt", e.occurredAt().toString());
        json.writeStringField("category", e.category());
        optional(json, "subcategory", e.subcategory());
        json.writeStringField("action", e.action());

        json.writeObjectFieldStart("actor");
        json.writeStringField("id", e.actorId());
        optional(json, "email", e.actorEmail());
        optional(json, "name", e.actorName());
        json.writeStringField("type", e.actorType());
        if (e.actorTeams() != null) {
            json.writeArrayFieldStart("teams");
            for (String team : e.actorTeams()) {
                json.writeString(team);
            }
            json.writeEndArray();
        }
        json.writeEndObject();

        if (e.objectType() != null) {
            json.writeObjectFieldStart("object");
            json.writeStringField("type", e.objectType());
            optional(json, "id", e.objectId());
            optional(json, "name", e.objectName());
            json.writeEndObject();
        }

        json.writeObjectFieldStart("context");
        optional(json, "ip", e.ip());
        optional(json, "userAgent", e.userAgent());
        optional(json, "loginType", e.loginType());
        optional(json, "country", e.country());
        optional(json, "region", e.region());
        json.writeEndObject();

        if (e.detailsJson() != null) {
            json.writeFieldName("details");
            json.writeRawValue(e.detailsJson());
        }
        json.writeEndObject();
    }

    private static void optional(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    public Result run(List<PreparedBatch> batches) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        long[] latencyNanos = new long[batches.size()];

        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                    PreparedBatch batch = batches.get(i);
                    HttpRequest request = HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofMinutes(5))
                            .header("Authorization", "Bearer " + tokensByAccount.get(batch.accountId()))
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(batch.body()))
                            .build();
                    long sent = System.nanoTime();
                    int status;
                    byte[] body;
                    try {
                        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                        status = response.statusCode();
                        body = response.body();
                    } catch (IOException e) {
                        status = -1;
                        body = (e.getClass().getSimpleName() + ": " + e.getMessage()).getBytes(StandardCharsets.UTF_8);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    latencyNanos[i] = System.nanoTime() - sent;
                    bytes.addAndGet(batch.body().length);
                    statuses.merge(status, 1, Integer::sum);
                    int created = status == 201 ? created(body) : 0;
                    if (status != 201 || created != batch.events()) {
                        failed.incrementAndGet();
                        if (failures.size() < FAILURES_KEPT) {
                            failures.add("POST " + endpoint + " batch " + i + " (account " + batch.accountId()
                                    + ", " + batch.events() + " events from id " + batch.firstEventId() + "): HTTP "
                                    + status + ", " + created + " created; response: " + BenchReport.abbreviate(
                                            new String(body, StandardCharsets.UTF_8), 1500));
                        }
                    }
                }
            }, "api-client-" + c);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int events = batches.stream().mapToInt(PreparedBatch::events).sum();
        return new Result(events, batches.size(), seconds, events / seconds, bytes.get(), new TreeMap<>(statuses),
                failed.get(), List.copyOf(failures), Stats.ofNanos(latencyNanos));
    }

    /** How many items of the response's {@code events} say {@code "created": true} (-1: unreadable). */
    static int created(byte[] body) {
        try {
            JsonNode events = MAPPER.readTree(body).path("events");
            int created = 0;
            for (JsonNode item : events) {
                if (item.path("created").asBoolean(false)) {
                    created++;
                }
            }
            return created;
        } catch (IOException e) {
            return -1;
        }
    }
}
