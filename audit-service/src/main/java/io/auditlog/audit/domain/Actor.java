package io.auditlog.audit.domain;

import java.util.List;

/** Who performed the action. {@code department} is set for vendor staff only. */
public record Actor(String id, String email, String name, ActorType type, Department department, List<String> teams) {
}
