package io.auditlog.export.api;

import java.util.List;

/** A page of the export-ready feed and the position to continue from (unchanged when there was nothing new). */
public record ReadyFeedPage(List<ReadyRecord> items, String next) {
}
