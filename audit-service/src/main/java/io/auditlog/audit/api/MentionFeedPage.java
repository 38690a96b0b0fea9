package io.auditlog.audit.api;

import java.util.List;

/** A page of the mentions feed and the position to continue from (unchanged when there was nothing new). */
public record MentionFeedPage(List<MentionRecord> items, String next) {
}
