package io.auditlog.local.testing.template.good.domain;

public record Thing(long id, String name) {
}
