package io.auditlog.console.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Where a configured URL points: scheme, host and port, and its origin as a browser names it. */
public record Address(boolean secure, String host, int port) {

    /** Parses an absolute http or https URL; anything else is a configuration error, named with its key. */
    public static Address of(String key, String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(key + " must be an http or https URL: " + url);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(key + " has no host: " + url);
        }
        boolean secure = scheme.equals("https");
        int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
        return new Address(secure, uri.getHost().toLowerCase(Locale.ROOT), port);
    }

    /** The origin (RFC 6454), the default port left out as browsers serialise it. */
    public String origin() {
        String scheme = secure ? "https" : "http";
        boolean defaultPort = secure ? port == 443 : port == 80;
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
