package io.auditlog.audit.domain;

import java.util.Arrays;
import java.util.Optional;

/** The three default views of the log; each covers the configured recent period (30 days by default). */
public enum BuiltInView {
    ALL_LOGS("all-logs", "All logs", null),
    LOGIN_HISTORY("login-history", "Login history", "LOGIN"),
    SECURITY_ACTIVITY("security-activity", "Security activity", "SECURITY");

    private final String id;
    private final String name;
    private final String category;

    BuiltInView(String id, String name, String category) {
        this.id = id;
        this.name = name;
        this.category = category;
    }

    public String id() {
        return id;
    }

    public String displayName() {
        return name;
    }

    /** The one category the view shows, or null for all. */
    public String category() {
        return category;
    }

    public static Optional<BuiltInView> byId(String id) {
        return Arrays.stream(values()).filter(v -> v.id.equals(id)).findFirst();
    }
}
