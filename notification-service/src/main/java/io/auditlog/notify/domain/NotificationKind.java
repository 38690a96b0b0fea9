package io.auditlog.notify.domain;

/** What a notification is about; the id is what the API and the database show. */
public enum NotificationKind {
    MULTIPLE_EXPORTS("multiple-exports"),
    ADMIN_PERMISSION_REMOVED("admin-permission-removed"),
    EXPORT_READY("export-ready"),
    MENTION("mention");

    private final String id;

    NotificationKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
