package io.auditlog.analytics.support;

import io.auditlog.local.testing.PlatformServicesTestResource;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Real PostgreSQL, the local token issuer and the real audit-service (with its real feed) for every @QuarkusTest. */
@QuarkusTestResource(LocalPlatformTestResource.class)
@QuarkusTestResource(value = PlatformServicesTestResource.class, initArgs = {
        @ResourceArg(name = "config-prefix", value = "analytics.audit"),
        @ResourceArg(name = "client-id", value = "analytics-service") })
public final class Platform {

    private Platform() {
    }
}
