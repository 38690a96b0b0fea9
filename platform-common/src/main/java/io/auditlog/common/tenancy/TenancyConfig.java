package io.auditlog.common.tenancy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the caller's customer account is read from the access token. */
@ConfigMapping(prefix = "platform.tenancy")
public interface TenancyConfig {

    /** The token claim that names the caller's account (tenant). */
    @WithDefault("account_id")
    String accountClaim();
}
