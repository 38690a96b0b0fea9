package io.auditlog.audit.service;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.common.problem.FieldProblem;

/**
 * Which restore endpoint URLs the service calls. The service makes requests to URLs its tenants choose, so by
 * default (production) only https to public addresses: no loopback, private, link-local (cloud metadata),
 * unique-local or multicast address, checked at registration for literal addresses and at every delivery after
 * resolving the name (DNS may change). {@code audit.restore.allow-insecure-urls} lifts both rules for the local
 * run and the tests.
 */
@ApplicationScoped
public class RestoreUrls {

    static final int MAX_LENGTH = 2048;

    private final boolean allowInsecure;

    RestoreUrls(AuditConfig config) {
        this.allowInsecure = config.restore().allowInsecureUrls();
    }

    /** The URL's problem for the field {@code url}, or null. */
    FieldProblem problem(String url) {
        if (url == null || url.isBlank()) {
            return new FieldProblem("url", "is required: the absolute http(s) URL restore requests are sent to");
        }
        if (url.length() > MAX_LENGTH) {
            return new FieldProblem("url", "is longer than " + MAX_LENGTH + " characters");
        }
        if (url.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            return new FieldProblem("url", "must not contain spaces or control characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new FieldProblem("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            return new FieldProblem("url", "must be an absolute http or https URL with a host");
        }
        if (uri.getUserInfo() != null) {
            return new FieldProblem("url", "must not carry credentials; the signature authenticates the request");
        }
        if (uri.getFragment() != null) {
            return new FieldProblem("url", "must not have a fragment");
        }
        if (!allowInsecure && scheme.equals("http")) {
            return new FieldProblem("url", "must be https");
        }
        if (!allowInsecure && isLiteralAddress(uri.getHost()) && isPrivate(literal(uri.getHost()))) {
            return new FieldProblem("url", "must not point at a loopback, private or link-local address");
        }
        return null;
    }

    /**
     * Why a delivery must not go to the URL's host now (it resolves to a non-public address), or null. Blocks on DNS:
     * call it off the event loop.
     */
    public String refusedAddress(URI uri) {
        if (allowInsecure) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (isPrivate(address)) {
                    return "the endpoint's host resolves to a non-public address";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return null; // the request itself fails and is retried: DNS may be down for a moment
        }
    }

    private static boolean isLiteralAddress(String host) {
        return host.startsWith("[") || host.matches("[0-9.]+");
    }

    private static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isPrivate(InetAddress a) {
        if (a == null) {
            return true;
        }
        byte[] b = a.getAddress();
        boolean uniqueLocal = b.length == 16 && (b[0] & 0xfe) == 0xfc;
        boolean carrierNat = b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        return a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress() || uniqueLocal || carrierNat;
    }
}
