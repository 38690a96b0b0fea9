package io.auditlog.audit.maintenance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PartitionMaintenanceTest {

    @Inject
    PartitionMaintenance maintenance;

    @Inject
    AgroalDataSource database;

    @Test
    void partitionsCoverTheRetentionPeriodAndTheMonthsAhead() throws Exception {
        maintenance.maintain().await().indefinitely();
        maintenance.maintain().await().indefinitely(); // a second run changes nothing
        List<String> partitions = partitions();
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        for (YearMonth m = YearMonth.from(LocalDate.now(ZoneOffset.UTC).minusDays(400)); !m.isAfter(now.plusMonths(3)); m = m.plusMonths(1)) {
            assertTrue(partitions.contains(name(m)), "missing partition for " + m);
        }
    }

    @Test
    void expiredPartitionsAreDroppedWholeWithTheirKeys() throws Exception {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT audit.ensure_event_partitions('2001-01-01', '2001-02-01')");
            s.execute("INSERT INTO audit.event_key VALUES ('retention-test', 'ancient', '2001-01-15T00:00:00Z') ON CONFLICT DO NOTHING");
            s.execute("INSERT INTO audit.event (account_id, event_id, occurred_at, category, action) "
                    + "VALUES ('retention-test', 'ancient', '2001-01-15T00:00:00Z', 'LOGIN', 'LOGIN')");
            assertTrue(partitions().contains("event_2001_02"));

            ResultSet dropped = s.executeQuery("SELECT audit.drop_event_partitions_before('2001-02-01T00:00:00Z')");
            dropped.next();
            assertEquals(1, dropped.getInt(1), "only January 2001 ends by the cutoff");
            assertFalse(partitions().contains("event_2001_01"));
            assertTrue(partitions().contains("event_2001_02"));
            ResultSet keys = s.executeQuery("SELECT count(*) FROM audit.event_key WHERE account_id = 'retention-test'");
            keys.next();
            assertEquals(0, keys.getInt(1));
            s.execute("SELECT audit.drop_event_partitions_before('2001-03-01T00:00:00Z')");
        }
    }

    private List<String> partitions() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                        + "WHERE i.inhparent = 'audit.event'::regclass")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static String name(YearMonth month) {
        return String.format("event_%04d_%02d", month.getYear(), month.getMonthValue());
    }
}
