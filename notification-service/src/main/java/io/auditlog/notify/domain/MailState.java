package io.auditlog.notify.domain;

/** Where an outbox mail stands; the id is what the database holds. */
public enum MailState {
    PENDING("pending"),
    SENT("sent"),
    FAILED("failed");

    private final String id;

    MailState(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
