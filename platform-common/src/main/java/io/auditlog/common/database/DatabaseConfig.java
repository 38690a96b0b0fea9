package io.auditlog.common.database;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long a request waits for the database before it is answered 503, the same in every service. */
@ConfigMapping(prefix = "platform.database")
public interface DatabaseConfig {

    /**
     * The longest a request's database work may take (getting a connection included). A frozen or unreachable
     * server then costs a client this long and a 503 with Retry-After, not a request that hangs.
     */
    @WithDefault("10s")
    Duration requestTimeout();

    /** The longest the readiness check waits for {@code SELECT 1}; past it the service reports DOWN. */
    @WithDefault("2s")
    Duration healthTimeout();
}
