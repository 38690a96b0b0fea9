package io.auditlog.export.api;

import java.util.List;

public record ExportJobPage(List<ExportJobView> items, String nextCursor) {
}
