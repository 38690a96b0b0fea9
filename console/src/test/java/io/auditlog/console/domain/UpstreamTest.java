package io.auditlog.console.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class UpstreamTest {

    @Test
    void aPrefixOwnsItselfAndWhatIsBelowItOnly() {
        assertEquals(Optional.of(Upstream.AUDIT), Upstream.owning("/api/v1/events"));
        assertEquals(Optional.of(Upstream.AUDIT), Upstream.owning("/api/v1/events/x/y"));
        assertEquals(Optional.of(Upstream.NOTIFICATION), Upstream.owning("/api/v1/notification-settings"));
        assertEquals(Optional.of(Upstream.NOTIFICATION), Upstream.owning("/api/v1/notifications/1/read"));
        assertEquals(Optional.of(Upstream.EXPORT), Upstream.owning("/api/v1/exports/1/files/2"));
        assertEquals(Optional.of(Upstream.ANALYTICS), Upstream.owning("/api/v1/analytics/summary"));
        assertEquals(Optional.empty(), Upstream.owning("/api/v1/eventsx"));
        assertEquals(Optional.empty(), Upstream.owning("/api/v1/notification"));
        assertEquals(Optional.empty(), Upstream.owning("/internal/v1/events"));
        assertEquals(Optional.empty(), Upstream.owning("/api/v1"));
    }

    @Test
    void anAddressHasTheOriginABrowserNames() {
        assertEquals("https://id.example.com", Address.of("k", "https://id.example.com:443/realms/x").origin());
        assertEquals("http://localhost:8180", Address.of("k", "http://LOCALHOST:8180/realms/x").origin());
        assertEquals("http://keycloak", Address.of("k", "http://keycloak/realms/x").origin());
        assertEquals(8081, Address.of("k", "http://audit-service:8081").port());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Address.of("console.oidc.authority", "ftp://x"));
        assertEquals("console.oidc.authority must be an http or https URL: ftp://x", wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Address.of("k", "not a url"));
        assertThrows(IllegalArgumentException.class, () -> Address.of("k", "http:///path"));
    }
}
