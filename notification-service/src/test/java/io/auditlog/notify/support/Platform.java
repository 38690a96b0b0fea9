package io.auditlog.notify.support;

import io.auditlog.local.testing.LocalPlatformTestResource;
import io.auditlog.local.testing.PlatformServicesTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Real PostgreSQL, the local token issuer, the real audit-service and export-service, and a real SMTP server for
 * every @QuarkusTest here.
 */
@QuarkusTestResource(LocalPlatformTestResource.class)
@QuarkusTestResource(value = PlatformServicesTestResource.class, initArgs = {
        @ResourceArg(name = "config-prefix", value = "notify.audit"),
        @ResourceArg(name = "client-id", value = "notification-service"),
        @ResourceArg(name = "export-config-prefix", value = "notify.exports") })
@QuarkusTestResource(MailServer.class)
public final class Platform {

    private Platform() {
    }
}
