package io.auditlog.common.input;

import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The request limits every service documents and answers with problem+json (see {@link RequestLimits}). */
@ConfigMapping(prefix = "platform.http")
public interface RequestLimitsConfig {

    /** The longest request URI (path and query) accepted, in characters. */
    @WithDefault("8192")
    int maxRequestLineLength();

    /** The most header bytes (names and values) accepted. */
    @WithDefault("16384")
    long maxHeaderBytes();

    /** The largest body: Quarkus' own limit, so both are one number. */
    @WithName("max-body-size")
    Optional<MemorySize> maxBodySize();
}
