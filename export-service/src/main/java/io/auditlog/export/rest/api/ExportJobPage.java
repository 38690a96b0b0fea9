package io.auditlog.export.rest.api;

import java.util.List;

public record ExportJobPage(List<ExportJobView> items, String nextCursor) {
}
