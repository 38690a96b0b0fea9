package io.auditlog.export.support;

import io.auditlog.local.testing.PlatformServicesTestResource;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL, the local token issuer and the real audit-service for every @QuarkusTest here. */
@QuarkusTestResource(LocalPlatformTestResource.class)
@QuarkusTestResource(value = PlatformServicesTestResource.class, initArgs = {
        @ResourceArg(name = "config-prefix", value = "export.audit"),
        @ResourceArg(name = "client-id", value = "export-service") })
public final class Platform {

    private Platform() {
    }
}
