package io.auditlog.audit.support;

import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Registers the real PostgreSQL and the local token issuer for every @QuarkusTest of this module. */
@QuarkusTestResource(LocalPlatformTestResource.class)
public final class LocalPlatform {

    private LocalPlatform() {
    }
}
