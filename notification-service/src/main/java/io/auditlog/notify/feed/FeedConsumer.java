package io.auditlog.notify.feed;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.jboss.logging.Logger;


/**
 * Consumes one producer's feed from the position stored in this service's schema. Each page is applied and the
 * position advanced in one transaction, which first locks the position row and checks it is still the one the
 * page was read from: two replicas may read the same page, but only one applies it, and a crash before the commit
 * leaves the page to be read again. Nothing is lost and nothing counted twice.
 */
public class FeedConsumer {

    private static final Logger LOG = Logger.getLogger(FeedConsumer.class);

    private final String feed;
    private final int pageSize;
    private final FeedClient.Reader client;
    private final DataSource dataSource;
    private final FeedHandler handler;
    private long consumedSinceLog;

    public FeedConsumer(String feed, FeedClient.Reader client, int pageSize,
            DataSource dataSource, FeedHandler handler) {
        this.feed = feed;
        this.pageSize = pageSize;
        this.client = client;
        this.dataSource = dataSource;
        this.handler = handler;
    }

    /** Reads and applies one page; answers whether there may be more right away. */
    public boolean consumeOnePage() throws IOException, InterruptedException, SQLException {
        String position = storedPosition();
        FeedPage page = client.read(position, pageSize);
        if (page.items().isEmpty() && page.next().equals(position)) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (!position.equals(lockPosition(connection))) {
                    connection.rollback(); // another replica applied this page meanwhile
                    return true;
                }
                int made = handler.apply(connection, page.items());
                advance(connection, page);
                connection.commit();
                logProgress(page.items().size(), made);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
        return page.items().size() >= pageSize;
    }

    /** Notifications made are logged as they happen; a long catch-up, every 10,000 records. */
    private void logProgress(int records, int made) {
        consumedSinceLog += records;
        if (made > 0) {
            LOG.infof("Feed %s: %d notifications from %d records", feed, made, records);
        }
        if (consumedSinceLog >= 10_000) {
            LOG.infof("Feed %s: %d more records consumed", feed, consumedSinceLog);
            consumedSinceLog = 0;
        }
    }

    private String storedPosition() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT position FROM notify.feed_position WHERE feed = ?")) {
            select.setString(1, feed);
            return position(select);
        }
    }

    private String lockPosition(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT position FROM notify.feed_position WHERE feed = ? FOR UPDATE")) {
            select.setString(1, feed);
            return position(select);
        }
    }

    private String position(PreparedStatement select) throws SQLException {
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("No stored position for feed " + feed);
            }
            return row.getString(1);
        }
    }

    private void advance(Connection connection, FeedPage page) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE notify.feed_position SET position = ?, consumed = consumed + ?, updated_at = now()
                 WHERE feed = ?""")) {
            update.setString(1, page.next());
            update.setInt(2, page.items().size());
            update.setString(3, feed);
            update.executeUpdate();
        }
    }
}
