package io.auditlog.audit.api;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Whether the event can be restored now (else why), until when, and its restores newest first. Every member is
 * always present, null included, as the console's contract has it.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RestoreStatusView(boolean eligible, String reason, Instant restorableUntil, List<RestoreView> restores) {
}
