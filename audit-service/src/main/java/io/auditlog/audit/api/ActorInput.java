package io.auditlog.audit.api;

import java.util.List;


import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.Department;

public record ActorInput(
        String id,
        String email,
        String name,
        ActorType type,
        Department department,
        List<String> teams) {
}
