package io.auditlog.audit.api;

import java.util.List;

/** The threads of a log entry that match the status asked for, oldest first, and how many are open or resolved. */
public record CommentThreadsView(List<CommentView> items, int openCount, int resolvedCount) {
}
