package io.auditlog.common.tenancy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the caller's customer account is read from the access token. */
@ConfigMapping(prefix = "platform.tenancy")
public interface TenancyConfig {

    /** The token claim that names the caller's account (tenant). */
    @WithDefault("account_id")
    String accountClaim();

    /**
     * How far a token's {@code iat} may lie in the future (clocks of the provider and the service differ a little);
     * a token issued later than that was not made by a provider with a sane clock and is refused.
     */
    @WithDefault("60s")
    Duration maxClockSkew();
}
