package io.auditlog.notify.api;

import java.util.List;

/** A page of the caller's notifications, newest first, with how many of all of them are unread. */
public record NotificationPage(List<NotificationView> items, long unreadCount, String nextCursor) {
}
