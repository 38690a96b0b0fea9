package io.auditlog.audit.api;

import java.util.List;

public record IngestResponse(List<IngestResult> events) {

    public boolean anyCreated() {
        return events.stream().anyMatch(IngestResult::created);
    }
}
