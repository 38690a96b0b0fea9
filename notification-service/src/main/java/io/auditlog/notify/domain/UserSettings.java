package io.auditlog.notify.domain;

/**
 * A user's stored subscriptions and mail preferences, and their account's threshold: each null when never saved
 * (the defaults then apply).
 */
public record UserSettings(Boolean multipleExports, Boolean adminPermissionRemoved, Boolean mailExportReady,
        Boolean mailMentions, Integer multipleExportsThreshold) {
}
