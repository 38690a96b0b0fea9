package io.auditlog.audit.rest.api;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.Department;

public record ActorInput(
        @Size(max = 256) String id,
        @Size(max = 320) @Email String email,
        @Size(max = 256) String name,
        ActorType type,
        Department department,
        @Size(max = 50) List<@NotBlank @Size(max = 128) String> teams) {
}
