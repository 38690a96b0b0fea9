package io.auditlog.analytics.repository;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.analytics.domain.GroupBy;
import io.auditlog.analytics.domain.Measure;
import io.auditlog.analytics.domain.RangePlan;
import io.auditlog.analytics.domain.Resolution;
import io.auditlog.analytics.domain.SeriesFilter;
import io.auditlog.analytics.domain.Slots;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Reads the rollups of one account for a range cut into local slots. Every query reads the hour buckets that lie
 * whole inside a slot and the quarter buckets of the hours a slot boundary cuts ({@link RangePlan}), and numbers
 * each row's slot with width_bucket over the slot starts, so PostgreSQL sums straight into local days or weeks.
 * Each query runs in the caller's transaction (see CUSTOM_PLAN).
 */
@ApplicationScoped
public class RollupQueries {

    /** One group's count in one slot (slot numbers from 0). */
    public record SlotCount(int slot, String key, long events) {
    }

    /** A top-list entry: one or two key columns and the events counted. */
    public record TopCount(String first, String second, long events) {
    }

    /*
     * Every query is planned for its own values. The pool keeps each statement prepared, and after five runs
     * PostgreSQL's plan_cache_mode = auto settles on the generic plan: not knowing the account, the range or the
     * arrays' sizes, it expects a few dozen rows where a 90-day series reads 8,500 to 11,000, and sorts them into a
     * GroupAggregate where the custom plan hashes them. Measured on the analytics benchmark's 1M events (busiest
     * account, warm): the 90-day series by category took 8.2 ms generic against 6.7 ms custom in UTC, and 16-18 ms
     * against 9-10 ms in Asia/Kolkata, whose cut hours add 3,084 quarter rows; planning is 1-2 ms of that.
     * SET LOCAL holds for the caller's transaction only, so the rollup writes on the same pool keep their plans.
     */
    private static final String CUSTOM_PLAN = "SET LOCAL plan_cache_mode = force_custom_plan";

    /** The summary's measures per slot: for each slot, the count of each measure. */
    public Uni<List<Map<Measure, Long>>> summary(SqlConnection transaction, String accountId, Slots slots) {
        SqlParams p = new SqlParams();
        StringBuilder columns = new StringBuilder();
        StringBuilder fromActivity = new StringBuilder();
        StringBuilder sums = new StringBuilder();
        for (Measure measure : Measure.values()) {
            String separator = columns.isEmpty() ? "" : ", ";
            columns.append(separator).append(measure.field());
            // The cut hours' quarters come from the activity rollup: the same counts, by the measure's own rule.
            fromActivity.append(separator).append("CASE WHEN ").append(measure.column()).append(" = ANY(")
                    .append(p.texts(measure.codes())).append(") THEN events ELSE 0 END AS ").append(measure.field());
            sums.append(", sum(r.").append(measure.field()).append(")::bigint AS ").append(measure.field());
        }
        String source = source(p, accountId, RangePlan.of(slots), new Part("summary_hour", columns.toString(), ""),
                new Part("activity_quarter", fromActivity.toString(), ""));
        String sql = "SELECT width_bucket(r.bucket, " + p.instants(slots.starts()) + ") - 1 AS slot" + sums + " FROM "
                + source + " GROUP BY 1";
        return read(transaction, sql, p.tuple()).map(rows -> {
            List<Map<Measure, Long>> counts = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                Map<Measure, Long> zero = new EnumMap<>(Measure.class);
                for (Measure measure : Measure.values()) {
                    zero.put(measure, 0L);
                }
                counts.add(zero);
            }
            for (Row row : rows) {
                Map<Measure, Long> slot = counts.get(row.getInteger("slot"));
                for (Measure measure : Measure.values()) {
                    slot.put(measure, row.getLong(measure.field()));
                }
            }
            return counts;
        });
    }

    /** Events per slot and group, filtered as the log would filter them. */
    public Uni<List<SlotCount>> series(SqlConnection transaction, String accountId, Slots slots, GroupBy groupBy,
            SeriesFilter filter) {
        SqlParams p = new SqlParams();
        if (filter.categories().isEmpty() && filter.actions().isEmpty() && filter.objectTypes().isEmpty()
                && filter.actor() == null) {
            // No filter: the breakdown rollup has exactly these counts, in far fewer rows; the cut hours' quarters
            // come from the activity rollup, grouped by the same column.
            String hours = " AND dimension = " + p.add(groupBy.id());
            String quarters = switch (groupBy) {
                case LOGIN_OUTCOME -> " AND category = 'LOGIN' AND subcategory = ANY(" + p.texts(GroupBy.LOGIN_OUTCOMES)
                        + ")";
                case OBJECT_TYPE -> " AND object_type <> ''";
                default -> "";
            };
            String source = source(p, accountId, RangePlan.of(slots), new Part("breakdown_hour", "key, events", hours),
                    new Part("activity_quarter", groupBy.column() + " AS key, events", quarters));
            return slotCounts(transaction, "SELECT width_bucket(r.bucket, " + p.instants(slots.starts())
                    + ") - 1 AS slot, r.key AS key, sum(r.events)::bigint AS events FROM " + source + " GROUP BY 1, 2",
                    p);
        }
        StringBuilder where = new StringBuilder();
        if (!filter.categories().isEmpty()) {
            where.append(" AND category = ANY(").append(p.texts(filter.categories())).append(')');
        }
        if (!filter.actions().isEmpty()) {
            where.append(" AND action = ANY(").append(p.texts(filter.actions())).append(')');
        }
        if (!filter.objectTypes().isEmpty()) {
            where.append(" AND object_type = ANY(").append(p.texts(filter.objectTypes())).append(')');
        }
        if (filter.actor() != null) {
            String actor = p.add(filter.actor());
            where.append(" AND (actor = ").append(actor).append(" OR actor_email = ").append(actor).append(')');
        }
        switch (groupBy) {
            case LOGIN_OUTCOME -> where.append(" AND category = 'LOGIN' AND subcategory = ANY(")
                    .append(p.texts(GroupBy.LOGIN_OUTCOMES)).append(')');
            case OBJECT_TYPE -> where.append(" AND object_type <> ''");
            default -> {
                // every event has a category and an action
            }
        }
        String source = filter.actor() == null
                ? source(p, accountId, RangePlan.of(slots), new Part("activity_hour", groupBy.column() + ", events",
                        where.toString()), new Part("activity_quarter", groupBy.column() + ", events", where.toString()))
                : quarters(p, "actor", groupBy.column() + ", events", accountId, slots, where.toString());
        return slotCounts(transaction, "SELECT width_bucket(r.bucket, " + p.instants(slots.starts())
                + ") - 1 AS slot, r." + groupBy.column() + " AS key, sum(r.events)::bigint AS events FROM " + source
                + " GROUP BY 1, 2", p);
    }

    private static Uni<List<SlotCount>> slotCounts(SqlConnection transaction, String sql, SqlParams p) {
        return read(transaction, sql, p.tuple()).map(rows -> {
            List<SlotCount> counts = new ArrayList<>();
            for (Row row : rows) {
                counts.add(new SlotCount(row.getInteger("slot"), row.getString("key"), row.getLong("events")));
            }
            return counts;
        });
    }

    /**
     * The actors with the most events in the range. A row counts under both its names (its actor, and its actor
     * email when it has one), so a name's count is what the log's actor filter lists; only names that are some
     * event's primary actor key (its id, or its email when it has no id) are ranked, so a person is not listed twice.
     */
    public Uni<List<TopCount>> topActors(SqlConnection transaction, String accountId, Slots slots, int limit) {
        SqlParams p = new SqlParams();
        String source = quarters(p, "actor", "actor, actor_email, events", accountId, slots, "");
        String sql = "SELECT n.actor, sum(r.events)::bigint AS events FROM " + source
                + " CROSS JOIN LATERAL (VALUES (r.actor, true), (r.actor_email, false)) n(actor, is_primary)"
                + " WHERE n.actor <> '' GROUP BY n.actor HAVING bool_or(n.is_primary) ORDER BY events DESC, n.actor"
                + " LIMIT " + p.add(limit);
        return read(transaction, sql, p.tuple()).map(rows -> {
            List<TopCount> top = new ArrayList<>();
            for (Row row : rows) {
                top.add(new TopCount(row.getString("actor"), null, row.getLong("events")));
            }
            return top;
        });
    }

    /** The objects (type and id) with the most events in the range. */
    public Uni<List<TopCount>> topObjects(SqlConnection transaction, String accountId, Slots slots, int limit) {
        SqlParams p = new SqlParams();
        String source = quarters(p, "object", "object_type, object_id, events", accountId, slots, "");
        String sql = "SELECT r.object_type, r.object_id, sum(r.events)::bigint AS events FROM " + source
                + " GROUP BY r.object_type, r.object_id ORDER BY events DESC, r.object_type, r.object_id LIMIT "
                + p.add(limit);
        return read(transaction, sql, p.tuple()).map(rows -> {
            List<TopCount> top = new ArrayList<>();
            for (Row row : rows) {
                top.add(new TopCount(row.getString("object_type"), row.getString("object_id"), row.getLong("events")));
            }
            return top;
        });
    }

    private static Uni<RowSet<Row>> read(SqlConnection transaction, String sql, Tuple parameters) {
        return transaction.query(CUSTOM_PLAN).execute().chain(() -> transaction.preparedQuery(sql).execute(parameters));
    }

    /** One table's share of a range: its name in the analytics schema, the columns selected, extra conditions. */
    private record Part(String table, String columns, String where) {
    }

    /**
     * The rows that cover the plan's range exactly once: the hour rollup's whole hours, and the quarter rollup's
     * quarters of the hours a slot boundary cuts. {@code where} holds extra conditions (" AND ...").
     */
    private static String source(SqlParams p, String accountId, RangePlan plan, Part hours, Part quarters) {
        String account = p.add(accountId);
        return "(SELECT bucket, " + hours.columns() + " FROM analytics." + hours.table()
                + " WHERE account_id = " + account + " AND bucket >= " + p.instant(plan.hoursFrom())
                + " AND bucket < " + p.instant(plan.hoursTo()) + " AND bucket <> ALL(" + p.instants(plan.splitHours())
                + ")" + hours.where()
                + " UNION ALL SELECT bucket, " + quarters.columns() + " FROM analytics." + quarters.table()
                + " WHERE account_id = " + account + " AND bucket = ANY(" + p.instants(plan.quarters()) + ")"
                + quarters.where() + ") r";
    }

    /** The rows of a family kept per quarter hour only (actors, objects) for the whole range. */
    private static String quarters(SqlParams p, String family, String columns, String accountId, Slots slots,
            String where) {
        return "(SELECT bucket, " + columns + " FROM " + Resolution.QUARTER.table(family) + " WHERE account_id = "
                + p.add(accountId) + " AND bucket >= " + p.instant(slots.start()) + " AND bucket < "
                + p.instant(slots.end()) + where + ") r";
    }
}
