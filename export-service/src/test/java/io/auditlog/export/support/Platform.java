package io.auditlog.export.support;

import io.auditlog.local.testing.PlatformServicesTestResource;
import io.auditlog.local.testing.LocalPlatformTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Real PostgreSQL, the local token issuer and the real audit-service for every @QuarkusTest here, both services with
 * the same signing key (as the Helm chart mounts one Secret in both).
 */
@QuarkusTestResource(LocalPlatformTestResource.class)
@QuarkusTestResource(value = PlatformServicesTestResource.class, initArgs = {
        @ResourceArg(name = "config-prefix", value = "export.audit"),
        @ResourceArg(name = "client-id", value = "export-service"),
        @ResourceArg(name = "signing-key-file", value = Platform.SIGNING_KEY) })
public final class Platform {

    /** The audit-service's tree-head key, made on its first start; reports' manifests are signed with it too. */
    public static final String SIGNING_KEY = "target/integrity-test-key.pem";

    private Platform() {
    }
}
