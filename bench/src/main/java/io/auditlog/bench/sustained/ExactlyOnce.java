package io.auditlog.bench.sustained;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.auditlog.bench.BenchDatabase;

/**
 * The exactly-once checks after the drain, when nothing writes any more: (1) the change feed read from position zero
 * holds every stored event once and no other; (2) each consumer's own count of what it consumed equals the stored
 * events, and what it made of them adds up: the sealer one leaf per event, the analytics rollups one count per
 * counted event in each account, the notification-service one notification and one mail per alert event.
 *
 * <p>Events are compared by a 64-bit hash of (account, event id), which identifies an event (ids are unique per
 * account): sorted arrays of five million longs take 40 MB where a set of the strings would take about 500 MB. Two
 * different events sharing a hash has a chance of about 10^-6 over five million events, and could only hide a
 * missing event behind a duplicate, which the counts would still show.
 */
final class ExactlyOnce {

    /** One check: what it compares, the two numbers, whether it holds, and detail when it does not. */
    record Check(String name, long expected, long actual, boolean ok, String detail) {
    }

    private final BenchDatabase database;
    private final List<Check> checks = new ArrayList<>();

    ExactlyOnce(BenchDatabase database) {
        this.database = database;
    }

    List<Check> checks() {
        return List.copyOf(checks);
    }

    boolean allOk() {
        return checks.stream().allMatch(Check::ok);
    }

    void check(String name, long expected, long actual, String detail) {
        checks.add(new Check(name, expected, actual, expected == actual, expected == actual ? "" : detail));
    }

    /** Reads the whole feed from the start and compares it with audit.event; answers the seconds the read took. */
    double feedFromZero(Api audit, String feedToken) throws Exception {
        long[] stored = storedKeys();
        long start = System.nanoTime();
        long[] fed = new long[Math.max(16, stored.length)];
        int count = 0;
        String after = null;
        while (true) {
            byte[] page = audit.getBytes("/internal/v1/feed?limit=1000" + (after == null ? "" : "&after=" + after),
                    feedToken);
            List<String> next = new ArrayList<>(1);
            long[] keys = pageKeys(page, next);
            if (count + keys.length > fed.length) {
                fed = Arrays.copyOf(fed, Math.max(fed.length * 2, count + keys.length));
            }
            System.arraycopy(keys, 0, fed, count, keys.length);
            count += keys.length;
            if (keys.length == 0) {
                break;
            }
            after = next.isEmpty() ? after : next.get(0);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] feed = Arrays.copyOf(fed, count);
        Arrays.sort(feed);
        Arrays.sort(stored);
        long duplicates = 0;
        for (int i = 1; i < feed.length; i++) {
            duplicates += feed[i] == feed[i - 1] ? 1 : 0;
        }
        long missing = 0;
        long foreign = 0;
        int i = 0;
        int j = 0;
        while (i < stored.length || j < feed.length) {
            if (j >= feed.length || (i < stored.length && stored[i] < feed[j])) {
                missing++;
                i++;
            } else if (i >= stored.length || feed[j] < stored[i]) {
                foreign++;
                j++;
            } else {
                long key = stored[i];
                i++;
                while (j < feed.length && feed[j] == key) {
                    j++;
                }
            }
        }
        check("feed from zero: items = stored events", stored.length, feed.length,
                feed.length + " items for " + stored.length + " events");
        check("feed from zero: stored events missing from it", 0, missing, missing + " stored events never fed");
        check("feed from zero: items served twice", 0, duplicates, duplicates + " items repeat an earlier one");
        check("feed from zero: items that are no stored event", 0, foreign, foreign + " items match no stored event");
        return seconds;
    }

    /** The consumers' own counts and what they made, against the stored events and the alerts sent. */
    void consumers(Api analytics, String operatorToken, int alertsSent, Map<Integer, Integer> mailsPerAlert)
            throws Exception {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            long stored = single(s, "SELECT count(*) FROM audit.event");
            check("sealer: events_sealed = stored events", stored,
                    single(s, "SELECT events_sealed FROM audit.seal_position"), "the sealer counted otherwise");
            check("sealer: leaves = stored events", stored, single(s, "SELECT count(*) FROM audit.seal_leaf"),
                    "one leaf per event expected");
            check("sealer: stored events without a leaf", 0, single(s, "SELECT count(*) FROM audit.event e WHERE NOT "
                    + "EXISTS (SELECT 1 FROM audit.seal_leaf l WHERE l.account_id = e.account_id AND l.event_id = "
                    + "e.event_id)"), "events left unsealed");
            check("sealer: accounts whose leaf indexes are not 0..n-1", 0, single(s, "SELECT count(*) FROM (SELECT "
                    + "account_id, count(*) n, min(leaf_index) lo, max(leaf_index) hi FROM audit.seal_leaf GROUP BY "
                    + "account_id) t WHERE lo <> 0 OR hi <> n - 1"), "a gap in a tree");

            check("analytics: eventsApplied (status API) = stored events", stored,
                    analytics.get("/internal/v1/analytics/status", operatorToken).path("eventsApplied").asLong(),
                    "the analytics consumer counted otherwise");
            // The rollups count every event but the log's own AUDIT_LOG records (analytics RollupBatch).
            long accountsOff = single(s, "SELECT count(*) FROM (SELECT account_id, count(*) n FROM audit.event WHERE "
                    + "category <> 'AUDIT_LOG' GROUP BY account_id) e FULL JOIN (SELECT account_id, sum(events) n FROM "
                    + "analytics.activity_hour GROUP BY account_id) a USING (account_id) "
                    + "WHERE e.n IS DISTINCT FROM a.n");
            check("analytics: accounts whose hourly rollup total differs from their stored events", 0, accountsOff,
                    accountsOff + " accounts counted wrong");
            long counted = single(s, "SELECT count(*) FROM audit.event WHERE category <> 'AUDIT_LOG'");
            check("analytics: rollup total = stored events but AUDIT_LOG", counted,
                    single(s, "SELECT COALESCE(sum(events), 0) FROM analytics.activity_hour"), "totals differ");
            check("analytics: quarter rollup total = stored events but AUDIT_LOG", counted,
                    single(s, "SELECT COALESCE(sum(events), 0) FROM analytics.activity_quarter"), "totals differ");
            // One actor row per event with an actor id or email (analytics V4).
            check("analytics: actor rollup total = stored events with an actor but AUDIT_LOG",
                    single(s, "SELECT count(*) FROM audit.event WHERE category <> 'AUDIT_LOG' AND "
                            + "(actor_id <> '' OR actor_email <> '')"),
                    single(s, "SELECT COALESCE(sum(events), 0) FROM analytics.actor_quarter"), "totals differ");

            check("notification: consumed = stored events", stored,
                    single(s, "SELECT consumed FROM notify.feed_position WHERE feed = 'audit'"),
                    "the notification consumer counted otherwise");
            check("notification: alert notifications = alert events sent", alertsSent,
                    single(s, "SELECT count(*) FROM notify.notification WHERE kind = 'admin-permission-removed'"),
                    "one notification per alert event and subscriber expected");
        }
        long once = mailsPerAlert.entrySet().stream().filter(e -> e.getKey() >= 0 && e.getValue() == 1).count();
        long none = mailsPerAlert.entrySet().stream().filter(e -> e.getKey() >= 0 && e.getValue() == 0).count();
        long twice = mailsPerAlert.entrySet().stream().filter(e -> e.getKey() >= 0 && e.getValue() > 1).count();
        check("mail: alert events with exactly one mail", alertsSent, once,
                none + " alerts got no mail, " + twice + " more than one");
        check("mail: alert mails for no alert event sent", 0, mailsPerAlert.getOrDefault(-1, 0), "stray mails");
    }

    /** Every stored event's key. */
    private long[] storedKeys() throws Exception {
        try (Connection c = database.connect()) {
            c.setAutoCommit(false); // a cursor, not five million rows at once
            try (Statement s = c.createStatement()) {
                s.setFetchSize(20_000);
                long[] keys = new long[1 << 16];
                int n = 0;
                try (ResultSet rs = s.executeQuery("SELECT account_id, event_id FROM audit.event")) {
                    while (rs.next()) {
                        if (n == keys.length) {
                            keys = Arrays.copyOf(keys, n * 2);
                        }
                        keys[n++] = key(rs.getString(1), rs.getString(2));
                    }
                }
                c.commit();
                return Arrays.copyOf(keys, n);
            }
        }
    }

    /** The keys of one feed page's items, streamed; its {@code next} is added to {@code next}. */
    private static long[] pageKeys(byte[] page, List<String> next) throws Exception {
        long[] keys = new long[1024];
        int n = 0;
        try (JsonParser p = Api.JSON.getFactory().createParser(page)) {
            p.nextToken(); // {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("items".equals(field)) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        String account = null;
                        String id = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            p.nextToken();
                            if ("accountId".equals(name)) {
                                account = p.getText();
                            } else if ("id".equals(name)) {
                                id = p.getText();
                            } else {
                                p.skipChildren();
                            }
                        }
                        if (n == keys.length) {
                            keys = Arrays.copyOf(keys, n * 2);
                        }
                        keys[n++] = key(account, id);
                    }
                } else if ("next".equals(field)) {
                    next.add(p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        return Arrays.copyOf(keys, n);
    }

    /** FNV-1a, 64 bits, of account, a separator no id holds, and event id. */
    static long key(String account, String id) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : (account + "\u0000" + id).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The checks as the JSON report writes them. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Check c : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", c.name());
            m.put("expected", c.expected());
            m.put("actual", c.actual());
            m.put("ok", c.ok());
            m.put("detail", c.detail());
            list.add(m);
        }
        return list;
    }
}
