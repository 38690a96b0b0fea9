package io.auditlog.local.testing.template.good.worker;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/** The named JDBC class. */
public class CopyJob {

    private final DataSource dataSource;

    CopyJob(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void copy() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("COPY (SELECT id FROM thing) TO STDOUT");
            connection.commit();
        }
    }
}
