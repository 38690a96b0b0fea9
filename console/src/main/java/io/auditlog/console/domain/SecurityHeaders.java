package io.auditlog.console.domain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every console response carries. The page runs only its own scripts (no inline script, no eval), is
 * framed by nobody, and talks to its own origin plus the identity provider's: the SPA posts to the provider's token
 * endpoint and renews its tokens silently in a hidden frame of the provider.
 */
public final class SecurityHeaders {

    /** One year, as the HSTS preload list asks; sent only over TLS, where a browser heeds it. */
    public static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    private final Map<String, String> always;

    public SecurityHeaders(Address identityProvider) {
        String provider = identityProvider.origin();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                // The component library sets style attributes at run time; styles cannot run code.
                "style-src 'self' 'unsafe-inline'",
                "img-src 'self' data:",
                "font-src 'self' data:",
                "connect-src 'self' " + provider,
                "frame-src " + provider,
                "frame-ancestors 'none'",
                "base-uri 'self'",
                "form-action 'self' " + provider,
                "object-src 'none'"));
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.put("X-Frame-Options", "DENY");
        this.always = Map.copyOf(headers);
    }

    /** The headers of every response, whatever its transport. */
    public Map<String, String> always() {
        return always;
    }
}
