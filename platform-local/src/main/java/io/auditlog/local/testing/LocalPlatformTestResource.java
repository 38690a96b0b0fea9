package io.auditlog.local.testing;

import java.util.HashMap;
import java.util.Map;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.postgres.PostgresEndpoint;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at real infrastructure: a database of this test run's own ({@link TestDatabase}) on
 * the local (or embedded) PostgreSQL, and a local token issuer. A datasource URL given in the environment wins, so CI or a developer can aim tests elsewhere.
 * Tests mint their tokens with {@link #identity()}.
 */
public class LocalPlatformTestResource implements QuarkusTestResourceLifecycleManager {

    private static final LocalIdentity IDENTITY = LocalIdentity.generate();

    public static LocalIdentity identity() {
        return IDENTITY;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL") == null) {
            PostgresEndpoint db = TestDatabase.endpoint();
            config.put("quarkus.datasource.reactive.url", db.reactiveUrl());
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.username", db.username());
            config.put("quarkus.datasource.password", db.password());
        }
        config.put("quarkus.oidc.public-key", IDENTITY.publicKey());
        config.put("quarkus.oidc.token.issuer", LocalIdentity.ISSUER);
        return config;
    }

    @Override
    public void stop() {
        // The PostgreSQL found or started is shared by every test class of this JVM and stops with it.
    }
}
