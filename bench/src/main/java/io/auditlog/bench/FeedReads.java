package io.auditlog.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The two reads of the whole change feed the feed benchmark compares, each by one consumer, page after page from
 * the start: through the audit-service's {@code GET /internal/v1/feed} (HTTP, token, JSON), and the same statement
 * by plain JDBC (same columns, same order, same page size, every column read into a Java value). Each answers the
 * events it read, the pages and an order-sensitive digest of the ids, so the two can be checked to have read the
 * same events in the same order.
 */
final class FeedReads {

    /**
     * The audit-service's feed page (audit-service {@code FeedRepository.PAGE}) over {@link PlainExport#COLUMNS}
     * (its {@code EventRows.COLUMNS}); {@link #compareWithSource} checks the copy.
     */
    static final String PAGE = "SELECT " + PlainExport.COLUMNS + " FROM audit.event e"
            + " WHERE (e.tx_id, e.seq) >= (($1::text)::xid8, $2)"
            + " AND NOT (e.tx_id = ($1::text)::xid8 AND e.seq = $2)"
            + " AND e.tx_id < (SELECT audit.feed_horizon())"
            + " ORDER BY e.tx_id, e.seq LIMIT $3";

    static final String FEED_REPOSITORY_SOURCE =
            "audit-service/src/main/java/io/auditlog/audit/repository/FeedRepository.java";

    private static final JsonFactory JSON = new JsonFactory();

    /** One whole read: events, pages, body bytes (0 for JDBC), seconds, and the digest of the ids in order. */
    record Read(long events, long pages, long bytes, double seconds, long digest) {

        double eventsPerSecond() {
            return seconds > 0 ? events / seconds : 0;
        }
    }

    /** Both reads of one round, page by page. */
    record Paired(Read service, Read plain) {
    }

    private FeedReads() {
    }

    /**
     * Reads the whole feed from its start twice over, page by page in step: each page through the service, and the
     * same page by JDBC, timed apart (which goes first alternates by page). On a machine shared with other work the
     * load changes from second to second; reading the two a page apart exposes both to the same moments, where two
     * whole reads one after the other met different ones (their ratio moved from 30% to 78% between rounds). Each
     * read is still one consumer paging sequentially: nothing overlaps.
     */
    static Paired paired(URI base, String token, BenchDatabase database, int limit)
            throws IOException, InterruptedException, SQLException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        try (Connection c = database.connect();
                PreparedStatement statement = plainStatement(c)) {
            String after = null;
            String tx = "0";
            long seq = 0;
            long events = 0;
            long pages = 0;
            long bytes = 0;
            long serviceNanos = 0;
            long plainNanos = 0;
            long serviceDigest = 0;
            long plainDigest = 0;
            while (true) {
                boolean serviceFirst = pages % 2 == 0;
                Page page = null;
                PlainPage rows = null;
                for (int turn = 0; turn < 2; turn++) {
                    long start = System.nanoTime();
                    if ((turn == 0) == serviceFirst) {
                        page = servicePage(http, base, token, limit, after, serviceDigest);
                        serviceNanos += System.nanoTime() - start;
                    } else {
                        rows = plainPage(statement, limit, tx, seq, plainDigest);
                        plainNanos += System.nanoTime() - start;
                    }
                }
                pages++;
                bytes += page.bytes;
                if (page.items != rows.rows) {
                    throw new IllegalStateException("page " + pages + ": the service answered " + page.items
                            + " events, the plain read " + rows.rows);
                }
                if (page.items == 0) {
                    break;
                }
                events += page.items;
                serviceDigest = page.digest;
                plainDigest = rows.digest;
                after = page.next;
                tx = rows.tx;
                seq = rows.seq;
            }
            return new Paired(new Read(events, pages, bytes, serviceNanos / 1e9, serviceDigest),
                    new Read(events, pages, 0, plainNanos / 1e9, plainDigest));
        }
    }

    /** Reads the feed from its start through the service until a page comes back empty (the warm-up). */
    static Read service(URI base, String token, int limit) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String after = null;
        long events = 0;
        long pages = 0;
        long bytes = 0;
        long digest = 0;
        long start = System.nanoTime();
        while (true) {
            Page page = servicePage(http, base, token, limit, after, digest);
            pages++;
            bytes += page.bytes;
            if (page.items == 0) {
                break;
            }
            events += page.items;
            digest = page.digest;
            after = page.next;
        }
        return new Read(events, pages, bytes, (System.nanoTime() - start) / 1e9, digest);
    }

    /** One page through the service: the request, the whole body, and what a consumer must read of it. */
    private static Page servicePage(HttpClient http, URI base, String token, int limit, String after, long digest)
            throws IOException, InterruptedException {
        URI uri = base.resolve("/internal/v1/feed?limit=" + limit + (after == null ? "" : "&after=" + after));
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                    + BenchReport.abbreviate(new String(response.body(), StandardCharsets.UTF_8), 500));
        }
        return parse(response.body(), digest);
    }

    /** The items, the position to continue from and the digest carried on, read with the streaming parser. */
    private record Page(int items, String next, long digest, int bytes) {
    }

    /**
     * What a consumer must read of a page: every item (tokenised: a consumer cannot find the end without it), its
     * id, and the next position. The ids feed the digest; the rest of each item is skipped.
     */
    private static Page parse(byte[] body, long digest) throws IOException {
        int items = 0;
        String next = null;
        try (JsonParser json = JSON.createParser(body)) {
            expect(json.nextToken(), JsonToken.START_OBJECT);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if ("items".equals(field)) {
                    expect(value, JsonToken.START_ARRAY);
                    while (json.nextToken() == JsonToken.START_OBJECT) {
                        items++;
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String name = json.currentName();
                            json.nextToken();
                            if ("id".equals(name)) {
                                digest = fold(digest, json.getText());
                            } else {
                                json.skipChildren();
                            }
                        }
                    }
                } else if ("next".equals(field)) {
                    next = json.getText();
                } else {
                    json.skipChildren();
                }
            }
        }
        return new Page(items, next, digest, body.length);
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("feed page: expected " + expected + ", found " + actual);
        }
    }

    /** The feed's statement on a JDBC connection of its own, planned as the service's statements are. */
    private static PreparedStatement plainStatement(Connection c) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            // Planned for its values on every execution, as the service's statements are (its reactive client
            // caches no prepared statements); see bench/README.md on the ingest benchmark's queries.
            s.execute("SET plan_cache_mode = force_custom_plan");
        }
        return c.prepareStatement(PAGE.replace("$1", "?").replace("$2", "?").replace("$3", "?"));
    }

    /** A page's rows, the position after its last row and the digest carried on. */
    private record PlainPage(int rows, String tx, long seq, long digest) {
    }

    /** One page by plain JDBC: the statement, every column of every row. */
    private static PlainPage plainPage(PreparedStatement page, int limit, String tx, long seq, long digest)
            throws SQLException {
        page.setString(1, tx);
        page.setLong(2, seq);
        page.setString(3, tx);
        page.setLong(4, seq);
        page.setInt(5, limit);
        int rows = 0;
        try (ResultSet rs = page.executeQuery()) {
            while (rs.next()) {
                rows++;
                digest = fold(digest, readRow(rs));
                seq = rs.getLong(3);
                tx = rs.getString(4);
            }
        }
        return new PlainPage(rows, tx, seq, digest);
    }

    /** Every column into a Java value, as the service's row mapping reads them; answers the event id. */
    private static String readRow(ResultSet rs) throws SQLException {
        String id = rs.getString(2);
        rs.getString(1);
        rs.getObject(5, OffsetDateTime.class);
        rs.getObject(6, OffsetDateTime.class);
        for (int column = 7; column <= 14; column++) {
            rs.getString(column);
        }
        Array teams = rs.getArray(15);
        if (teams != null) {
            teams.getArray();
        }
        for (int column = 16; column <= 26; column++) {
            rs.getString(column);
        }
        return id;
    }

    /** Order-sensitive: the same ids in another order give another digest. */
    private static long fold(long digest, String id) {
        return digest * 1_000_003L + id.hashCode();
    }

    /**
     * Compares {@link #PAGE} with the audit-service's source, when it is at hand: null when they agree, otherwise
     * what differs (or why it could not be checked).
     */
    static String compareWithSource(Path projectRoot) {
        Path source = projectRoot.resolve(FEED_REPOSITORY_SOURCE);
        if (!Files.isRegularFile(source)) {
            return "not checked: no " + FEED_REPOSITORY_SOURCE;
        }
        try {
            String text = Files.readString(source, StandardCharsets.UTF_8);
            int start = text.indexOf("PAGE =");
            int end = start < 0 ? -1 : text.indexOf(';', start);
            if (end < 0) {
                return "not checked: no PAGE constant in " + FEED_REPOSITORY_SOURCE;
            }
            String definition = text.substring(start, end).replace("EventRows.COLUMNS",
                    "\"" + PlainExport.COLUMNS + "\"");
            StringBuilder sql = new StringBuilder();
            Matcher literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(definition);
            while (literal.find()) {
                sql.append(literal.group(1));
            }
            return sql.toString().equals(PAGE) ? null
                    : "DIFFERENT: " + FEED_REPOSITORY_SOURCE + " reads " + sql + "; the benchmark reads " + PAGE;
        } catch (IOException e) {
            return "not checked: " + e;
        }
    }
}
