package io.auditlog.common.time;

import java.time.Instant;

/**
 * The instants the log takes in filters, cursors and events: years 1 to 9999 in UTC. PostgreSQL's timestamptz holds
 * 4713 BC to 294276 AD and java.time far more, so a value between the two (+999999999-12-31, -000001-01-01) used to
 * pass the API and fail in the database; year 0 and negative years are refused as well, since ISO 8601 needs an
 * agreement between the parties for them and no audited action happened then.
 */
public final class StorableTime {

    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    /** Exclusive. */
    public static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");
    public static final String RULE = "must lie between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z";

    private StorableTime() {
    }

    public static boolean isStorable(Instant instant) {
        return !instant.isBefore(MIN) && instant.isBefore(END);
    }
}
