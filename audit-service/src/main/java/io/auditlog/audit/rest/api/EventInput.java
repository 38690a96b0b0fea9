package io.auditlog.audit.rest.api;

import java.time.OffsetDateTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An event as a producer sends it (ARCHITECTURE.md, "The event, as sent and as returned"). */
public record EventInput(
        @Size(min = 1, max = 128) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may contain only letters, digits and . _ : -") String id,
        @NotNull(message = "is required") OffsetDateTime occurredAt,
        @NotBlank(message = "is required") @Size(max = 64) String category,
        @Size(max = 64) String subcategory,
        @NotBlank(message = "is required") @Size(max = 64) String action,
        @Valid ActorInput actor,
        @Valid ObjectInput object,
        @Valid ContextInput context,
        ObjectNode details) {
}
