package io.auditlog.bench.analytics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import io.auditlog.bench.BenchDatabase;

/**
 * Fills audit.event straight with SQL, for setup speed only: ten million events through the ingest API would take
 * most of an hour on this machine, and the ingest path has its own benchmark. The rows are what the API would
 * store for the fields the analytics count by (category, subcategory, action, actor, object), spread over the last
 * 60 days and over accounts of log-uniform sizes; each chunk is one transaction, so the change feed sees them as
 * it sees any committed ingest. Idempotency keys (audit.event_key) are not written: nothing here reads events by
 * id. The mix: 35% LOGIN (80% succeeded), 10% SECURITY, 30% CRM_OBJECT, 15% CONTENT, 5% EXPORT, 5% REPORT.
 */
final class BulkLoad {

    private static final String INSERT = """
            INSERT INTO audit.event (account_id, event_id, occurred_at, category, subcategory, action, actor_id,
                                     actor_email, actor_type, object_type, object_id)
            SELECT 'acct-' || lpad(a::text, 3, '0'), 'bulk-' || g, now() - interval '1 minute' - interval '60 days' * t,
                   c, CASE WHEN c = 'LOGIN' THEN CASE WHEN r2 < 0.8 THEN 'LOGIN_SUCCEEDED' ELSE 'LOGIN_FAILED' END END,
                   CASE c WHEN 'LOGIN' THEN 'LOGIN' WHEN 'SECURITY' THEN 'UPDATE' WHEN 'EXPORT' THEN 'EXPORT'
                          WHEN 'CRM_OBJECT' THEN (ARRAY['CREATE','UPDATE','UPDATE','READ','DELETE'])[1 + floor(r2 * 5)::int]
                          WHEN 'CONTENT' THEN (ARRAY['CREATE','UPDATE','READ','PERMANENT_DELETE'])[1 + floor(r2 * 4)::int]
                          ELSE (ARRAY['EXPORT','SHARE'])[1 + floor(r2 * 2)::int] END,
                   'u-' || u, 'u-' || u || '@example.com', 'USER',
                   CASE c WHEN 'CRM_OBJECT' THEN (ARRAY['CONTACT','COMPANY','DEAL','TICKET'])[1 + floor(r3 * 4)::int]
                          WHEN 'CONTENT' THEN 'FILE' END,
                   CASE WHEN c IN ('CRM_OBJECT', 'CONTENT') THEN 'o-' || floor(r3 * 100000)::int END
              FROM (SELECT g, random() AS t, random() AS r2, random() AS r3,
                           floor(power(?::float8 + 1, random()))::int AS a, floor(power(200, random()))::int AS u,
                           CASE WHEN r < 0.35 THEN 'LOGIN' WHEN r < 0.45 THEN 'SECURITY' WHEN r < 0.75 THEN 'CRM_OBJECT'
                                WHEN r < 0.90 THEN 'CONTENT' WHEN r < 0.95 THEN 'EXPORT' ELSE 'REPORT' END AS c
                      FROM (SELECT g, random() AS r FROM generate_series(?::bigint, ?::bigint) g) raw) x""";

    private BulkLoad() {
    }

    /** Inserts {@code events} rows in chunks of a million; answers the seconds it took. */
    static double load(BenchDatabase database, int events, int accounts) throws SQLException {
        long start = System.nanoTime();
        int chunk = 1_000_000;
        try (Connection c = database.connect(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            c.setAutoCommit(true);
            for (long from = 1; from <= events; from += chunk) {
                long to = Math.min(events, from + chunk - 1);
                insert.setInt(1, accounts);
                insert.setLong(2, from);
                insert.setLong(3, to);
                insert.executeUpdate();
                System.out.printf("  loaded %,d of %,d events (%.0f s)%n", to, events, (System.nanoTime() - start) / 1e9);
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
