package io.auditlog.common.database;

/** The database did not answer in time or refused service for now: the request may succeed when retried (503). */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message) {
        super(message);
    }
}
