package io.auditlog.audit.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.agroal.api.AgroalDataSource;

/** What the database holds for an account, read directly: proof that a refused request stored nothing. */
public final class StoredRows {

    private StoredRows() {
    }

    /** Events, idempotency keys and plan rows of the account. */
    public static long of(AgroalDataSource database, String account) {
        try (Connection c = database.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT (SELECT count(*) FROM audit.event WHERE account_id = ?)"
                        + " + (SELECT count(*) FROM audit.event_key WHERE account_id = ?)"
                        + " + (SELECT count(*) FROM audit.account WHERE account_id = ?)")) {
            for (int i = 1; i <= 3; i++) {
                count.setString(i, account);
            }
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
