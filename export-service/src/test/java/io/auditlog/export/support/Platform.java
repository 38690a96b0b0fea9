package io.auditlog.export.support;

import io.auditlog.local.testing.AuditServiceTestResource;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Real PostgreSQL, the local token issuer and the real audit-service for every @QuarkusTest here. */
@QuarkusTestResource(LocalPlatformTestResource.class)
@QuarkusTestResource(AuditServiceTestResource.class)
public final class Platform {

    private Platform() {
    }
}
