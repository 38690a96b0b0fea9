package io.auditlog.bench;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One audit-log CSV report through the export-service, as a super admin's console runs it: {@code POST
 * /api/v1/exports}, {@code GET /api/v1/exports/{id}} every {@value #POLL_MILLIS} ms until the job is finished,
 * then every file downloaded and checked: streamed through a CSV parser, never held in memory.
 */
public final class ServiceExport {

    static final long POLL_MILLIS = 200;

    /**
     * The audit layout's header (audit-service {@code ExportLayout.AUDIT}); every file must start with it. A
     * changed layout shows up as a problem in the report.
     */
    static final List<String> AUDIT_HEADER = List.of("Event ID", "Date (UTC)", "Category", "Subcategory", "Action",
            "Actor ID", "Actor email", "Actor name", "Actor type", "Department", "Teams", "Object type", "Object ID",
            "Object name", "Path", "IP address", "Country", "Region", "Login type", "User agent", "Details");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public ServiceExport(URI baseUri, String adminToken) {
        this.baseUri = baseUri;
        this.adminToken = adminToken;
    }

    /** A file of the finished job, as the job lists it. */
    public record ListedFile(int number, String name, long rows, long bytes, String url) {
    }

    /**
     * The job from the POST to its end. {@code seconds} runs from sending the POST to receiving the poll that
     * saw it COMPLETED (or FAILED, or the timeout); the service's own timestamps say how long it was queued
     * and how long the worker ran.
     */
    public record Job(int postStatus, String postBody, String id, String status, String failure, double seconds,
            long rowsWritten, int filesWritten, List<ListedFile> files, Instant createdAt, Instant startedAt,
            Instant completedAt, int polls, int pollErrors) {

        boolean completed() {
            return "COMPLETED".equals(status);
        }

        double rowsPerSecond() {
            return seconds > 0 ? rowsWritten / seconds : 0;
        }

        long listedRows() {
            return files.stream().mapToLong(ListedFile::rows).sum();
        }

        long listedBytes() {
            return files.stream().mapToLong(ListedFile::bytes).sum();
        }

        Double queuedSeconds() {
            return between(createdAt, startedAt);
        }

        Double workerSeconds() {
            return between(startedAt, completedAt);
        }

        private static Double between(Instant from, Instant to) {
            return from == null || to == null ? null : Duration.between(from, to).toNanos() / 1e9;
        }
    }

    /**
     * One downloaded file: its framing headers, the body's bytes (as framed by Transfer-Encoding when present)
     * and what the parser found in it.
     */
    public record FileCheck(int number, int httpStatus, String contentLength, String transferEncoding, long bytes,
            long dataRows, boolean headerOk, String problem) {

        /** RFC 9112 6.2: a sender must not send Content-Length in a message with Transfer-Encoding. */
        boolean framingOk() {
            return contentLength == null || transferEncoding == null;
        }
    }

    /**
     * All files downloaded one after another. Event ids ({@code evt-000000042}) are checked against the
     * generated ones: each of 0..N-1 exactly once; {@code Date (UTC)} must not go backwards across the files.
     */
    public record Download(double seconds, long bytes, long dataRows, List<FileCheck> files, int distinctIds,
            long duplicateIds, long foreignIds, long outOfOrder) {

        double megabytesPerSecond() {
            return seconds > 0 ? bytes / 1e6 / seconds : 0;
        }
    }

    /** Requests the report and polls it to its end; progress lines go to standard output. */
    public Job run(Instant from, Instant to, Duration timeout) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("type", "audit-log", "format", "csv", "from", from.toString(),
                "to", to.toString(), "timeZone", "UTC"));
        HttpRequest post = HttpRequest.newBuilder(baseUri.resolve("/api/v1/exports"))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> posted = http.send(post, HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 202) {
            return new Job(posted.statusCode(), posted.body(), null, "NOT ACCEPTED", null,
                    (System.nanoTime() - start) / 1e9, 0, 0, List.of(), null, null, null, 0, 0);
        }
        String id = JSON.readTree(posted.body()).path("id").asText();
        RunSupport.step("Export " + id + " accepted (HTTP 202 after " + (System.nanoTime() - start) / 1_000_000
                + " ms); polling every " + POLL_MILLIS + " ms");

        HttpRequest get = HttpRequest.newBuilder(baseUri.resolve("/api/v1/exports/" + id))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json").GET().build();
        long deadline = start + timeout.toNanos();
        int polls = 0;
        int pollErrors = 0;
        String lastLine = null;
        JsonNode job = null;
        String status = "QUEUED";
        long seenAt = System.nanoTime();
        while (true) {
            long nextPoll = start + (polls + 1) * POLL_MILLIS * 1_000_000L;
            long wait = nextPoll - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
            }
            polls++;
            HttpResponse<String> response;
            try {
                response = http.send(get, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                pollErrors++;
                System.out.println("    poll failed: " + e);
                if (System.nanoTime() > deadline) {
                    break;
                }
                continue;
            }
            seenAt = System.nanoTime();
            if (response.statusCode() != 200) {
                pollErrors++;
                System.out.println("    poll answered HTTP " + response.statusCode() + ": "
                        + BenchReport.abbreviate(response.body(), 300));
            } else {
                job = JSON.readTree(response.body());
                status = job.path("status").asText();
                String line = String.format("%s, %,d rows written, %d file(s)", status,
                        job.path("rowsWritten").asLong(), job.path("filesWritten").asInt());
                if (!line.equals(lastLine)) {
                    System.out.printf("    %7.1f s  %s%n", (seenAt - start) / 1e9, line);
                    lastLine = line;
                }
                if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                    break;
                }
            }
            if (seenAt > deadline) {
                status = status + " (still, after the " + timeout.toMinutes() + " min timeout)";
                break;
            }
        }
        double seconds = (seenAt - start) / 1e9;
        List<ListedFile> files = new ArrayList<>();
        if (job != null) {
            for (JsonNode file : job.path("files")) {
                files.add(new ListedFile(file.path("number").asInt(), file.path("name").asText(),
                        file.path("rows").asLong(), file.path("bytes").asLong(), file.path("url").asText()));
            }
        }
        return new Job(posted.statusCode(), posted.body(), id, status,
                job == null || job.path("failure").isNull() ? null : job.path("failure").asText(), seconds,
                job == null ? 0 : job.path("rowsWritten").asLong(), job == null ? 0 : job.path("filesWritten").asInt(),
                List.copyOf(files), instant(job, "createdAt"), instant(job, "startedAt"), instant(job, "completedAt"),
                polls, pollErrors);
    }

    /**
     * Downloads every file of the finished job in turn, each streamed through the CSV parser. The downloads use
     * {@link HttpURLConnection}, which frames a body as RFC 9112 says (Transfer-Encoding before Content-Length);
     * the framing headers of every response are recorded, since a response carrying both is malformed.
     */
    public Download download(Job job, int expectedEvents) throws IOException {
        BitSet ids = new BitSet(expectedEvents);
        long duplicates = 0;
        long foreign = 0;
        long outOfOrder = 0;
        Instant previous = Instant.MIN;
        List<FileCheck> checks = new ArrayList<>();
        long bytes = 0;
        long rows = 0;
        long start = System.nanoTime();
        for (ListedFile file : job.files()) {
            URL url = baseUri.resolve("/api/v1/exports/" + job.id() + "/files/" + file.number()).toURL();
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(300_000);
            connection.setRequestProperty("Authorization", "Bearer " + adminToken);
            int status = connection.getResponseCode();
            String length = connection.getHeaderField("Content-Length");
            String encoding = connection.getHeaderField("Transfer-Encoding");
            if (status != 200) {
                InputStream error = connection.getErrorStream();
                String text = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
                checks.add(new FileCheck(file.number(), status, length, encoding, 0, 0, false,
                        "HTTP " + status + ": " + BenchReport.abbreviate(text, 300)));
                continue;
            }
            long fileRows = 0;
            boolean headerOk = false;
            String problem = null;
            try (CountingInputStream counted = new CountingInputStream(connection.getInputStream())) {
                try (CSVParser parser = CSVFormat.RFC4180.parse(new BufferedReader(
                        new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16))) {
                    boolean first = true;
                    for (CSVRecord record : parser) {
                        if (first) {
                            first = false;
                            headerOk = record.toList().equals(AUDIT_HEADER);
                            if (!headerOk) {
                                problem = "first record is not the audit header: "
                                        + BenchReport.abbreviate(record.toList().toString(), 300);
                            }
                            continue;
                        }
                        fileRows++;
                        if (record.size() != AUDIT_HEADER.size() && problem == null) {
                            problem = "record " + record.getRecordNumber() + " has " + record.size() + " cells, not "
                                    + AUDIT_HEADER.size();
                        }
                        int index = eventIndex(record.get(0));
                        if (index < 0 || index >= expectedEvents) {
                            foreign++;
                        } else if (ids.get(index)) {
                            duplicates++;
                        } else {
                            ids.set(index);
                        }
                        Instant at = record.size() > 1 ? parseInstant(record.get(1)) : null;
                        if (at == null || at.isBefore(previous)) {
                            outOfOrder++;
                        } else {
                            previous = at;
                        }
                    }
                    if (first) {
                        problem = "the file is empty (no header)";
                    }
                    // Whatever the parser left unread still counts as downloaded (closing the parser closes
                    // the stream).
                    counted.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException | RuntimeException e) {
                    problem = "unreadable as CSV after " + counted.count() + " bytes: " + e;
                }
                if (problem == null && length != null && !length.equals(String.valueOf(counted.count()))) {
                    problem = "Content-Length " + length + " but " + counted.count() + " bytes came";
                }
                if (problem == null && counted.count() != file.bytes()) {
                    problem = "the job lists " + file.bytes() + " bytes, " + counted.count() + " came";
                }
                if (problem == null && fileRows != file.rows()) {
                    problem = "the job lists " + file.rows() + " rows, the file has " + fileRows;
                }
                checks.add(new FileCheck(file.number(), status, length, encoding, counted.count(), fileRows, headerOk,
                        problem));
                bytes += counted.count();
                rows += fileRows;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Download(seconds, bytes, rows, List.copyOf(checks), ids.cardinality(), duplicates, foreign,
                outOfOrder);
    }

    /** The account's plan as the audit-service reports it to the admin (it decides which categories export). */
    public static String accountPlan(URI auditBaseUri, String adminToken) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    auditBaseUri.resolve("/api/v1/account")).header("Authorization", "Bearer " + adminToken)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return "unknown (GET /api/v1/account answered " + response.statusCode() + ")";
            }
            JsonNode account = JSON.readTree(response.body());
            return account.path("plan").asText() + " (" + account.path("planSource").asText() + "), categories "
                    + account.path("visibleCategories") + ", details " + account.path("eventDetails").asText();
        } catch (IOException e) {
            return "unknown (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown (interrupted)";
        }
    }

    /** The generator's number of an event id {@code evt-000000042}; -1 for anything else. */
    static int eventIndex(String eventId) {
        if (eventId.length() != 13 || !eventId.startsWith("evt-")) {
            return -1;
        }
        try {
            return Integer.parseInt(eventId, 4, 13, 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant instant(JsonNode job, String field) {
        if (job == null || !job.path(field).isTextual()) {
            return null;
        }
        try {
            return Instant.parse(job.path(field).asText());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Counts the bytes read through it. */
    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
