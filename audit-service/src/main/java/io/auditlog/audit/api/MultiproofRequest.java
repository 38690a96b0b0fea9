package io.auditlog.audit.api;

import java.util.List;

/**
 * Which events to prove under one signed head: {@code treeSize} names the head (absent: the newest), {@code eventIds}
 * the events (at most {@link io.auditlog.audit.service.MultiproofService#MAX_EVENTS}).
 */
public record MultiproofRequest(Long treeSize, List<String> eventIds) {
}
