package io.auditlog.analytics.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * A mix of events like an account's: logins that succeed or fail, CRM record changes, content deletions,
 * exports, reports, by actors with an id and email, an email only, or none; spread over a period and placed
 * on the day boundaries of the zones under test (a millisecond before and at each), where an off-by-one shows.
 */
public final class Dataset {

    /** The kinds of event: category, subcategory, action, object type (null: none). */
    private static final String[][] KINDS = {
            { "LOGIN", "LOGIN_SUCCEEDED", "LOGIN", null },
            { "LOGIN", "LOGIN_FAILED", "LOGIN", null },
            { "LOGIN", "LOGOUT", "LOGOUT", null },
            { "CRM_OBJECT", "CONTACT", "CREATE", "CONTACT" },
            { "CRM_OBJECT", "DEAL", "DELETE", "DEAL" },
            { "CRM_OBJECT", null, "UPDATE", "COMPANY" },
            { "CONTENT", "ITEM", "PERMANENT_DELETE", "FILE" },
            { "EXPORT", "AUDIT_LOG", "EXPORT", "EXPORT_JOB" },
            { "REPORT", null, "EXPORT", null },
            { "REPORT", null, "SHARE", "REPORT" },
            { "SETTINGS", null, "UPDATE", null } };

    /** Actors: id and email, the same person seen by email, an email only, nobody. */
    private static final String[][] ACTORS = {
            { "u-1", "ann@example.com" }, { "u-1", "ann@example.com" }, { "u-1", "ann@example.com" },
            { "u-2", "bo@example.com" }, { "u-2", "bo@example.com" }, { null, "cy@example.com" },
            { "u-3", null }, { null, null } };

    private final List<Map<String, Object>> events = new ArrayList<>();

    public static Dataset of(long seed, Instant from, Instant to, int randomEvents, List<Instant> boundaries) {
        Dataset dataset = new Dataset();
        Random random = new Random(seed);
        long span = to.toEpochMilli() - from.toEpochMilli();
        for (int i = 0; i < randomEvents; i++) {
            dataset.add(random, Instant.ofEpochMilli(from.toEpochMilli() + (long) (random.nextDouble() * span)));
        }
        for (Instant boundary : boundaries) {
            dataset.add(random, boundary.minusMillis(1));
            dataset.add(random, boundary);
            dataset.add(random, boundary.plusSeconds(899));
        }
        return dataset;
    }

    private void add(Random random, Instant at) {
        String[] kind = KINDS[random.nextInt(KINDS.length)];
        String[] actor = ACTORS[random.nextInt(ACTORS.length)];
        String objectId = kind[3] == null ? null : kind[3].toLowerCase() + "-" + random.nextInt(4);
        events.add(Audit.event(at, kind[0], kind[1], kind[2], actor[0], actor[1], kind[3], objectId));
    }

    public List<Map<String, Object>> events() {
        return events;
    }

    /** The start of {@code date} in {@code zone}, a day boundary to place events on. */
    public static Instant dayStart(String zone, String date) {
        return LocalDate.parse(date).atStartOfDay(ZoneId.of(zone)).toInstant();
    }

    /** How many events match, counted here from what was sent: the oracle that does not ask either service. */
    public long count(Predicate<Map<String, Object>> matches) {
        return events.stream().filter(matches).count();
    }

    public static Predicate<Map<String, Object>> onLocalDate(String zone, LocalDate date) {
        return e -> Instant.parse((String) e.get("occurredAt")).atZone(ZoneId.of(zone)).toLocalDate().equals(date);
    }

    public static Predicate<Map<String, Object>> category(String category) {
        return e -> category.equals(e.get("category"));
    }

    public static Predicate<Map<String, Object>> action(String... actions) {
        return e -> List.of(actions).contains(e.get("action"));
    }
}
