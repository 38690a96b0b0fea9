package io.auditlog.local.process;

import java.util.LinkedHashMap;
import java.util.Map;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.postgres.PostgresEndpoint;

/** The environment every service of the platform needs to run here: the database, and the token issuer to trust. */
public final class ServiceEnvironment {

    private ServiceEnvironment() {
    }

    /** QUARKUS_DATASOURCE_* for {@code db} and QUARKUS_OIDC_* trusting {@code identity}; a new, changeable map. */
    public static Map<String, String> of(PostgresEndpoint db, LocalIdentity identity) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", db.reactiveUrl());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("QUARKUS_OIDC_PUBLIC_KEY", identity.publicKey());
        env.put("QUARKUS_OIDC_TOKEN_ISSUER", LocalIdentity.ISSUER);
        return env;
    }
}
