package io.auditlog.local.testing.template.good.worker;

import java.sql.SQLException;

import io.auditlog.local.testing.template.good.repository.ThingRepository;
import io.vertx.mutiny.sqlclient.Pool;

public class CopyWorker {

    /** Names SQLException: the declared exception allowJdbcType(CopyWorker, SQLException). */
    public boolean run(CopyJob job) {
        try {
            job.copy();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs a statement itself: the declared exception allowReactiveSql(CopyWorker). */
    public void touch(Pool pool) {
        pool.query(ThingRepository.ping()).execute().await().indefinitely();
    }

    public static int copied() {
        return 1;
    }
}
