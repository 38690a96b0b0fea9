package io.auditlog.notify.domain;

/** A user to notify; without an email address the notification is in-app only. */
public record Recipient(String userId, String email, boolean wantsMail) {

    public boolean mailable() {
        return wantsMail && email != null && !email.isBlank();
    }
}
