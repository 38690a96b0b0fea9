package io.auditlog.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Times the typical query (one account, last 30 days, one category, 50 per page, newest first) through the
 * API and as the service's SQL over JDBC: the first page, and a deep page reached by following the cursors
 * once beforehand and then requested again and again with the same cursor (the SQL with the same keyset
 * boundary, read back from the row that ends the page before it).
 */
public final class QueryTiming {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CUSTOM_PLAN = "force_custom_plan";
    private static final String GENERIC_PLAN = "force_generic_plan";
    static final String GENERIC_SUFFIX = " [generic]";
    static final String HTTP_FLOOR = "HTTP floor";

    private final URI baseUri;
    private final String adminToken;
    private final BenchDatabase database;
    private final String accountId;
    private final String category;
    private final Instant from;
    private final Instant to;
    private final int limit;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public QueryTiming(URI baseUri, String adminToken, BenchDatabase database, String accountId, String category,
            Instant from, Instant to, int limit) {
        this.baseUri = baseUri;
        this.adminToken = adminToken;
        this.database = database;
        this.accountId = accountId;
        this.category = category;
        this.from = from;
        this.to = to;
        this.limit = limit;
    }

    /** A timed query: its latencies, the rows each run returned, and how it was checked. */
    public record Timing(String name, Stats.Summary millis, int rows, String check) {
    }

    /** Where the deep page starts: the cursor the API gave for it and the keyset of the row before it. */
    public record DeepPage(int page, String cursor, String previousId, OffsetDateTime keysetOccurredAt,
            long keysetSeq, List<String> apiIds, String note) {
    }

    public record Result(String accountId, long matchingRows, Instant from, Instant to, String sql,
            String deepSql, DeepPage deepPage, List<Timing> timings, boolean apiFailed, List<String> problems) {
    }

    /** The API answered something other than 200 (or not at all). */
    static final class ApiFailure extends RuntimeException {
        ApiFailure(String message) {
            super(message);
        }
    }

    public Result run(int wantedDeepPage, int warmup, int repetitions) throws Exception {
        List<String> problems = new ArrayList<>();
        long matching = countMatching();
        String columns = String.join(", ", columns());
        String orderAndLimit = " ORDER BY occurred_at DESC, seq DESC LIMIT " + (limit + 1);
        String firstSql = "SELECT " + columns + " FROM audit.event WHERE account_id = ? AND occurred_at >= ? "
                + "AND occurred_at < ? AND category = ?" + orderAndLimit;
        String deepSql = "SELECT " + columns + " FROM audit.event WHERE account_id = ? AND occurred_at >= ? "
                + "AND occurred_at < ? AND category = ? AND (occurred_at, seq) < (?, ?)" + orderAndLimit;

        // Walk the pages once: page 1's ids, then the cursor that leads to the deep page. Should the API fail,
        // the SQL side is still timed, with the page boundary found by SQL alone.
        boolean apiFailed = false;
        List<String> firstIds = null;
        DeepPage deep;
        try {
            JsonNode first = page(null);
            firstIds = ids(first);
            deep = findDeepPage(first, wantedDeepPage);
            if (deep != null) {
                DeepPage bySql = deepPageBySql(deep.page(), matching);
                if (bySql == null || !bySql.previousId().equals(deep.previousId())) {
                    problems.add("The API's page " + (deep.page() - 1) + " ends with " + deep.previousId()
                            + " but the SQL order puts " + (bySql == null ? "nothing" : bySql.previousId())
                            + " at that position");
                }
            }
        } catch (ApiFailure e) {
            apiFailed = true;
            problems.add("API query failed, only the SQL side was timed: " + e.getMessage());
            deep = deepPageBySql(wantedDeepPage, matching);
        }

        List<Timing> timings = new ArrayList<>();
        try (Connection connection = database.connect()) {
            List<String> sqlFirstIds = sqlIds(connection, firstSql, null);
            if (!apiFailed) {
                apiFailed = !timeApi(timings, "API first page", null, firstIds, warmup, repetitions, problems);
            }
            timings.add(timeSql("SQL first page", connection, CUSTOM_PLAN, firstSql, null, sqlFirstIds, firstIds,
                    warmup, repetitions));
            if (deep != null) {
                List<String> sqlDeepIds = sqlIds(connection, deepSql, deep);
                if (!apiFailed) {
                    apiFailed = !timeApi(timings, "API page " + deep.page(), deep.cursor(), deep.apiIds(), warmup,
                            repetitions, problems);
                }
                timings.add(timeSql("SQL page " + deep.page(), connection, CUSTOM_PLAN, deepSql, deep, sqlDeepIds,
                        deep.apiIds(), warmup, repetitions));
            } else {
                problems.add("No deep page: the query matches only " + matching + " rows (one page)");
            }
            // For information: what any HTTP round trip to the service costs with this client.
            if (!apiFailed) {
                timeHttpFloor(timings, warmup, repetitions, problems);
            }
            // For information: the same statements with a cached generic plan, which PostgreSQL may choose
            // for a statement prepared once and run many times (plan_cache_mode = auto).
            timings.add(timeSql("SQL first page" + GENERIC_SUFFIX, connection, GENERIC_PLAN, firstSql, null,
                    sqlFirstIds, firstIds, Math.min(warmup, 20), repetitions));
            if (deep != null) {
                timings.add(timeSql("SQL page " + deep.page() + GENERIC_SUFFIX, connection, GENERIC_PLAN, deepSql,
                        deep, sqlIds(connection, deepSql, deep), deep.apiIds(), Math.min(warmup, 20), repetitions));
            }
        }
        return new Result(accountId, matching, from, to, numbered(firstSql), numbered(deepSql), deep, timings,
                apiFailed, problems);
    }

    /**
     * The deep page found by SQL alone: the row that ends the page before it is at position
     * (page - 1) x limit of the query's order. Null when the query has a single page.
     */
    private DeepPage deepPageBySql(int wanted, long matching) throws SQLException {
        long pages = (matching + limit - 1) / limit;
        int page = (int) Math.min(wanted, pages);
        if (page < 2) {
            return null;
        }
        try (Connection connection = database.connect(); PreparedStatement s = connection.prepareStatement(
                "SELECT event_id, occurred_at, seq FROM audit.event WHERE account_id = ? AND occurred_at >= ? "
                        + "AND occurred_at < ? AND category = ? ORDER BY occurred_at DESC, seq DESC OFFSET ? LIMIT 1")) {
            s.setString(1, accountId);
            s.setObject(2, utc(from));
            s.setObject(3, utc(to));
            s.setString(4, category);
            s.setLong(5, (long) (page - 1) * limit - 1);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String note = page == wanted ? "page " + wanted + " (boundary found by SQL)"
                        : "only " + pages + " pages match; timing the last one instead of page " + wanted;
                return new DeepPage(page, null, rs.getString(1), rs.getObject(2, OffsetDateTime.class),
                        rs.getLong(3), null, note);
            }
        }
    }

    private DeepPage findDeepPage(JsonNode first, int wanted) throws Exception {
        JsonNode previous = first;
        int number = 1;
        String cursorToNext = text(first, "nextCursor");
        if (cursorToNext == null) {
            return null;
        }
        JsonNode current = null;
        String cursorOfCurrent = null;
        while (number < wanted) {
            cursorOfCurrent = cursorToNext;
            current = page(cursorOfCurrent);
            number++;
            if (number < wanted) {
                String next = text(current, "nextCursor");
                if (next == null) {
                    break;
                }
                previous = current;
                cursorToNext = next;
            }
        }
        String note = number == wanted ? "page " + wanted
                : "only " + number + " pages match; timing the last one instead of page " + wanted;
        // The keyset boundary is the last row of the page before: (occurred_at, seq) < (its occurred_at, seq).
        JsonNode items = previous.path("items");
        String lastId = itemId(items.get(items.size() - 1));
        try (Connection connection = database.connect(); PreparedStatement s = connection.prepareStatement(
                "SELECT occurred_at, seq FROM audit.event WHERE account_id = ? AND event_id = ? "
                        + "AND occurred_at >= ? AND occurred_at < ?")) {
            s.setString(1, accountId);
            s.setString(2, lastId);
            s.setObject(3, utc(from));
            s.setObject(4, utc(to));
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("Row " + lastId + " of the API's page " + (number - 1)
                            + " is not in audit.event for account " + accountId);
                }
                return new DeepPage(number, cursorOfCurrent, lastId, rs.getObject(1, OffsetDateTime.class),
                        rs.getLong(2), ids(current), note);
            }
        }
    }

    /** Times the API request; false (with the problem noted) when it failed. */
    private boolean timeApi(List<Timing> timings, String name, String cursor, List<String> expectedIds, int warmup,
            int repetitions, List<String> problems) throws Exception {
        HttpRequest request = request(cursor);
        long[] nanos = new long[repetitions];
        byte[][] bodies = new byte[repetitions][];
        try {
            for (int i = 0; i < warmup; i++) {
                check(request, send(request));
            }
            for (int i = 0; i < repetitions; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> response = send(request);
                nanos[i] = System.nanoTime() - start;
                check(request, response);
                bodies[i] = response.body();
            }
        } catch (ApiFailure e) {
            problems.add(name + " failed: " + e.getMessage());
            return false;
        }
        int mismatches = 0;
        for (byte[] body : bodies) {
            if (!ids(JSON.readTree(body)).equals(expectedIds)) {
                mismatches++;
            }
        }
        if (mismatches > 0) {
            problems.add(name + ": " + mismatches + " of " + repetitions + " responses differed from the first walk");
        }
        timings.add(new Timing(name, Stats.ofNanos(nanos), expectedIds.size(),
                mismatches == 0 ? "every response had the same " + expectedIds.size() + " items"
                        : mismatches + " responses differed"));
        return true;
    }

    /** GET /q/health/live: no token, no database; the HTTP and client part of every API time. */
    private void timeHttpFloor(List<Timing> timings, int warmup, int repetitions, List<String> problems)
            throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/q/health/live"))
                .timeout(Duration.ofSeconds(60)).GET().build();
        long[] nanos = new long[repetitions];
        try {
            for (int i = 0; i < warmup + repetitions; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> response = send(request);
                if (i >= warmup) {
                    nanos[i - warmup] = System.nanoTime() - start;
                }
                check(request, response);
            }
        } catch (ApiFailure e) {
            problems.add("HTTP floor not measured: " + e.getMessage());
            return;
        }
        timings.add(new Timing(HTTP_FLOOR, Stats.ofNanos(nanos), 0, "GET /q/health/live, for information"));
    }

    private static void check(HttpRequest request, HttpResponse<byte[]> response) {
        if (response.statusCode() != 200) {
            throw new ApiFailure("GET " + request.uri() + " -> HTTP " + response.statusCode() + " "
                    + BenchReport.abbreviate(new String(response.body(), StandardCharsets.UTF_8), 1500));
        }
    }

    /**
     * Times the SQL as a JDBC prepared statement. {@code planCacheMode} is PostgreSQL's plan_cache_mode for
     * the session: force_custom_plan plans each execution for its values, as the service's statements are;
     * force_generic_plan shows what a cached generic plan would cost.
     */
    private Timing timeSql(String name, Connection connection, String planCacheMode, String sql, DeepPage deep,
            List<String> sqlIds, List<String> apiIds, int warmup, int repetitions) throws SQLException {
        long[] nanos = new long[repetitions];
        int rows = 0;
        try (Statement set = connection.createStatement()) {
            set.execute("SET plan_cache_mode = " + planCacheMode);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, deep);
            for (int i = 0; i < warmup + repetitions; i++) {
                long start = System.nanoTime();
                rows = readAll(statement);
                if (i >= warmup) {
                    nanos[i - warmup] = System.nanoTime() - start;
                }
            }
        }
        List<String> page = sqlIds.subList(0, Math.min(limit, sqlIds.size()));
        String check = apiIds == null ? "not compared (no API page)"
                : page.equals(apiIds) ? "same " + apiIds.size() + " rows as the API's page"
                : "DIFFERENT rows from the API's page (sql " + page.size() + " rows, api " + apiIds.size() + ")";
        return new Timing(name, Stats.ofNanos(nanos), rows, check);
    }

    /** Runs the statement and reads every column of every row, as the service has to. */
    private static int readAll(PreparedStatement statement) throws SQLException {
        int rows = 0;
        try (ResultSet rs = statement.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getString(c);
                }
                rows++;
            }
        }
        return rows;
    }

    private List<String> sqlIds(Connection connection, String sql, DeepPage deep) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, deep);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString("event_id"));
                }
            }
        }
        return ids;
    }

    private void bind(PreparedStatement statement, DeepPage deep) throws SQLException {
        int p = 1;
        statement.setString(p++, accountId);
        statement.setObject(p++, utc(from));
        statement.setObject(p++, utc(to));
        statement.setString(p++, category);
        if (deep != null) {
            statement.setObject(p++, deep.keysetOccurredAt());
            statement.setLong(p, deep.keysetSeq());
        }
    }

    /** The SQL with $1, $2, ... for its parameters, as PostgreSQL's log shows it. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            if (ch == '?') {
                out.append('$').append(++n);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private long countMatching() throws SQLException {
        try (Connection connection = database.connect(); PreparedStatement s = connection.prepareStatement(
                "SELECT count(*) FROM audit.event WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ? "
                        + "AND category = ?")) {
            s.setString(1, accountId);
            s.setObject(2, utc(from));
            s.setObject(3, utc(to));
            s.setString(4, category);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** All columns of audit.event, in table order (the service selects all of them). */
    private List<String> columns() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = database.connect(); Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT attname FROM pg_attribute WHERE attrelid = 'audit.event'::regclass "
                        + "AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    private JsonNode page(String cursor) throws Exception {
        HttpRequest request = request(cursor);
        HttpResponse<byte[]> response = send(request);
        check(request, response);
        return JSON.readTree(response.body());
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ApiFailure("GET " + request.uri() + " -> " + e);
        }
    }

    private HttpRequest request(String cursor) {
        String query = "category=" + encode(category) + "&from=" + encode(from.toString()) + "&to="
                + encode(to.toString()) + "&limit=" + limit + (cursor == null ? "" : "&cursor=" + encode(cursor));
        return HttpRequest.newBuilder(baseUri.resolve("/api/v1/events?" + query))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json")
                .GET().build();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        if (page != null) {
            for (JsonNode item : page.path("items")) {
                ids.add(itemId(item));
            }
        }
        return ids;
    }

    private static String itemId(JsonNode item) {
        JsonNode id = item.hasNonNull("id") ? item.get("id") : item.path("eventId");
        return id.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
