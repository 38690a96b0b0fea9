package io.auditlog.analytics.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The two sizes of rollup bucket (see V1__analytics_schema.sql): a UTC hour for the bulk of a range and a quarter
 * hour for the hours a local day boundary cuts.
 */
public enum Resolution {
    HOUR("hour", Duration.ofHours(1)), QUARTER("quarter", Duration.ofMinutes(15));

    private final String tableSuffix;
    private final long seconds;

    Resolution(String tableSuffix, Duration size) {
        this.tableSuffix = tableSuffix;
        this.seconds = size.toSeconds();
    }

    /** The table of a rollup family at this resolution, e.g. {@code analytics.activity_hour}. */
    public String table(String family) {
        return "analytics." + family + "_" + tableSuffix;
    }

    /** The start of the bucket holding {@code at}. */
    public Instant bucketOf(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    public boolean isBoundary(Instant at) {
        return at.getNano() == 0 && Math.floorMod(at.getEpochSecond(), seconds) == 0;
    }

    public long seconds() {
        return seconds;
    }
}
