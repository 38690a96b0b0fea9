package io.auditlog.notify.domain;

/** What a user subscribes to: the account's alerts, and mails about their own things. */
public enum Preference {
    MULTIPLE_EXPORTS,
    ADMIN_PERMISSION_REMOVED,
    EXPORT_READY_MAIL,
    MENTION_MAIL
}
