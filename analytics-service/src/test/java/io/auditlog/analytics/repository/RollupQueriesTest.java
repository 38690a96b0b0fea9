package io.auditlog.analytics.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.auditlog.analytics.domain.GroupBy;
import io.auditlog.analytics.domain.Interval;
import io.auditlog.analytics.domain.SeriesFilter;
import io.auditlog.analytics.domain.Slots;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/** The dashboards' rollup queries, as PostgreSQL plans them. */
@QuarkusTest
class RollupQueriesTest {

    private static final int RUNS = 8;

    @Inject
    Vertx vertx;

    @Inject
    RollupQueries rollups;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    /**
     * Every dashboard query is planned for its account, range and arrays, however often the pooled connection has run
     * it: PostgreSQL's own choice (plan_cache_mode = auto) moves to a generic plan after five runs, which expects a
     * few dozen rows and sorts the thousands a 90-day series reads.
     */
    @Test
    void everyDashboardQueryIsPlannedForItsValuesEachTime() {
        // One connection, prepared statements kept as the service's pool keeps them (Quarkus' default).
        Pool one = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                .connectingTo(PgConnectOptions.fromUri(reactiveUrl).setUser(user).setCachePreparedStatements(true))
                .using(vertx).build();
        try {
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Kolkata"));
            Slots days = Slots.of(ZoneId.of("Asia/Kolkata"), today.minusDays(89), today, Interval.DAY);
            SeriesFilter none = new SeriesFilter(List.of(), List.of(), List.of(), null);
            SeriesFilter login = new SeriesFilter(List.of("LOGIN"), List.of(), List.of(), null);
            SeriesFilter actor = new SeriesFilter(List.of(), List.of(), List.of(), "ann@demo.example");
            List<Function<SqlConnection, Uni<?>>> queries = List.of(
                    tx -> rollups.summary(tx, "plan-test", days),
                    tx -> rollups.series(tx, "plan-test", days, GroupBy.CATEGORY, none),
                    tx -> rollups.series(tx, "plan-test", days, GroupBy.ACTION, login),
                    tx -> rollups.series(tx, "plan-test", days, GroupBy.CATEGORY, actor),
                    tx -> rollups.topActors(tx, "plan-test", days, 10),
                    tx -> rollups.topObjects(tx, "plan-test", days, 10));
            for (int i = 0; i < RUNS; i++) {
                for (Function<SqlConnection, Uni<?>> query : queries) {
                    one.withTransaction(query::apply).await().atMost(Duration.ofSeconds(30));
                }
            }
            List<String> statements = new ArrayList<>();
            for (Row plans : one.query("SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements")
                    .execute().await().atMost(Duration.ofSeconds(30))) {
                String statement = plans.getString("statement");
                statements.add(statement);
                assertEquals(0L, plans.getLong("generic_plans"), "run with a generic plan: " + statement);
                assertEquals((long) RUNS, plans.getLong("custom_plans"), "planned for its values: " + statement);
            }
            assertEquals(queries.size(), statements.size(), "one prepared statement per query: " + statements);
        } finally {
            one.closeAndAwait();
        }
    }
}
