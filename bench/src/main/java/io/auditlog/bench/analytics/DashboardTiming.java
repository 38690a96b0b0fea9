package io.auditlog.bench.analytics;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.ZoneOffset;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.auditlog.bench.BenchDatabase;
import io.auditlog.bench.Stats;

/**
 * Times one dashboard through the analytics API against the plain SQL GROUP BY over the raw audit.event rows that
 * answers the same question, and checks that both give the same numbers.
 */
final class DashboardTiming {

    /** The plain twin of the 30-day summary: per local day, the four totals, straight from audit.event. */
    static final String PLAIN_SUMMARY = """
            SELECT (occurred_at AT TIME ZONE ?)::date AS day,
                   count(*) FILTER (WHERE category = 'LOGIN') AS logins,
                   count(*) FILTER (WHERE action IN ('DELETE', 'PERMANENT_DELETE')) AS deletions,
                   count(*) FILTER (WHERE category = 'EXPORT') AS exports,
                   count(*) FILTER (WHERE category = 'REPORT') AS reports
              FROM audit.event WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?
             GROUP BY 1 ORDER BY 1""";

    /**
     * The plain twin of the 90-day series by category. Analytics never counts the log's own reads (AUDIT_LOG,
     * docs/architecture.md "what analytics counts"), and the timed dashboards record one per view (coalesced): counting
     * them here made the totals differ by the views recorded during the run (2 in UTC, 4 by the Kolkata pass).
     */
    static final String PLAIN_SERIES = """
            SELECT (occurred_at AT TIME ZONE ?)::date AS day, category, count(*) AS events
              FROM audit.event WHERE account_id = ? AND occurred_at >= ? AND occurred_at < ?
               AND category <> 'AUDIT_LOG'
             GROUP BY 1, 2 ORDER BY 1, 2""";

    record Result(String name, Stats.Summary api, Stats.Summary plain, long apiTotal, long plainTotal) {
        boolean same() {
            return apiTotal == plainTotal;
        }

        double ratio() {
            return api.p99() / plain.p99();
        }
    }

    private DashboardTiming() {
    }

    static Result summary(Http http, URI analytics, String token, BenchDatabase db, String account, String tz,
            int days, AnalyticsOptions options) throws Exception {
        LocalDate to = LocalDate.now(ZoneId.of(tz)).plusDays(1);
        LocalDate from = to.minusDays(days);
        URI uri = analytics.resolve("/api/v1/analytics/summary?from=" + from + "&to=" + to + "&tz=" + tz);
        JsonNode answer = http.get(uri, token);
        long apiTotal = 0;
        for (String measure : new String[] { "logins", "deletions", "exports", "reports" }) {
            apiTotal += answer.path("totals").path(measure).path("count").asLong();
        }
        Stats.Summary api = timeApi(http, uri, token, options);
        long[] plainTotal = { 0 };
        Stats.Summary plain = timePlain(db, PLAIN_SUMMARY, tz, account, from, to, options, rs -> {
            long sum = 0;
            while (rs.next()) {
                sum += rs.getLong(2) + rs.getLong(3) + rs.getLong(4) + rs.getLong(5);
            }
            plainTotal[0] = sum;
        });
        return new Result(days + "-day summary, " + account + ", tz " + tz, api, plain, apiTotal, plainTotal[0]);
    }

    static Result series(Http http, URI analytics, String token, BenchDatabase db, String account, String tz,
            int days, AnalyticsOptions options) throws Exception {
        LocalDate to = LocalDate.now(ZoneId.of(tz)).plusDays(1);
        LocalDate from = to.minusDays(days);
        URI uri = analytics.resolve("/api/v1/analytics/series?groupBy=category&interval=day&from=" + from + "&to=" + to
                + "&tz=" + tz);
        JsonNode answer = http.get(uri, token);
        long apiTotal = 0;
        for (JsonNode bucket : answer.path("buckets")) {
            apiTotal += bucket.path("count").asLong();
        }
        Stats.Summary api = timeApi(http, uri, token, options);
        long[] plainTotal = { 0 };
        Stats.Summary plain = timePlain(db, PLAIN_SERIES, tz, account, from, to, options, rs -> {
            long sum = 0;
            while (rs.next()) {
                sum += rs.getLong(3);
            }
            plainTotal[0] = sum;
        });
        return new Result(days + "-day series by category, " + account + ", tz " + tz, api, plain, apiTotal,
                plainTotal[0]);
    }

    private static Stats.Summary timeApi(Http http, URI uri, String token, AnalyticsOptions options) throws Exception {
        for (int i = 0; i < options.warmup(); i++) {
            http.get(uri, token);
        }
        long[] nanos = new long[options.samples()];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            http.get(uri, token);
            nanos[i] = System.nanoTime() - start;
        }
        return Stats.ofNanos(nanos);
    }

    interface Rows {
        void read(ResultSet rs) throws Exception;
    }

    private static Stats.Summary timePlain(BenchDatabase db, String sql, String tz, String account, LocalDate from,
            LocalDate to, AnalyticsOptions options, Rows rows) throws Exception {
        ZoneId zone = ZoneId.of(tz);
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.atStartOfDay(zone).toInstant();
        try (Connection c = db.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, tz);
            statement.setString(2, account);
            statement.setObject(3, start.atOffset(ZoneOffset.UTC));
            statement.setObject(4, end.atOffset(ZoneOffset.UTC));
            int warm = Math.min(5, options.plainSamples());
            long[] nanos = new long[options.plainSamples()];
            for (int i = -warm; i < nanos.length; i++) {
                long begin = System.nanoTime();
                try (ResultSet rs = statement.executeQuery()) {
                    rows.read(rs);
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - begin;
                }
            }
            return Stats.ofNanos(nanos);
        }
    }

    static Map<String, Object> describe(Result r) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dashboard", r.name());
        map.put("api", r.api());
        map.put("plain", r.plain());
        map.put("apiTotal", r.apiTotal());
        map.put("plainTotal", r.plainTotal());
        return map;
    }
}
