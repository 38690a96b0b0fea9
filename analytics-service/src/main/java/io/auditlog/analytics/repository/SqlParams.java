package io.auditlog.analytics.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/** Numbered parameters built with the SQL that uses them, so that no value is ever spliced into a statement. */
final class SqlParams {

    private final Tuple tuple = Tuple.tuple();

    /** Adds a value and answers its placeholder, e.g. {@code $3}. */
    String add(Object value) {
        tuple.addValue(value);
        return "$" + tuple.size();
    }

    String instant(Instant instant) {
        return add(utc(instant)) + "::timestamptz";
    }

    String instants(List<Instant> instants) {
        return add(instants.stream().map(SqlParams::utc).toArray(OffsetDateTime[]::new)) + "::timestamptz[]";
    }

    String texts(List<String> values) {
        return add(values.toArray(String[]::new)) + "::text[]";
    }

    Tuple tuple() {
        return tuple;
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
