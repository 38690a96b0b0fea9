package io.auditlog.local.testing.template.good.config;

public interface ThingConfig {

    int pageSize();
}
