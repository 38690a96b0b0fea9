package io.auditlog.notify.feed;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** What a feed's items cause, written on the transaction that also advances the feed's position. */
@FunctionalInterface
public interface FeedHandler {

    /** Applies a page; answers how many notifications it made. */
    int apply(Connection transaction, List<JsonNode> items) throws SQLException;
}
