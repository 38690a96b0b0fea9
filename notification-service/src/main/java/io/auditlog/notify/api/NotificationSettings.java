package io.auditlog.notify.api;

/**
 * The caller's notification settings. {@code email} is where their mails go: it comes from their token and is
 * shown, not set. {@code multipleExportsThreshold} belongs to the account and is shared by its super admins.
 */
public record NotificationSettings(String email, Alerts alerts, Mail mail, Integer multipleExportsThreshold) {

    /** The alerts the caller subscribes to (mail and in-app). */
    public record Alerts(Boolean multipleExports, Boolean adminPermissionRemoved) {
    }

    /** Mails about the caller's own things; they stay in the in-app list when turned off. */
    public record Mail(Boolean exportReady, Boolean mentions) {
    }
}
