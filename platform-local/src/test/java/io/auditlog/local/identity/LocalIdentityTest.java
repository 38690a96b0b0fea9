package io.auditlog.local.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalIdentityTest {

    @Test
    void tokensVerifyWithThePublishedKeyAndCarryTheClaims() throws Exception {
        LocalIdentity identity = LocalIdentity.generate();
        String[] parts = identity.token("ann", "acme", List.of("audit-admin"), Duration.ofMinutes(5)).split("\\.");

        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(identity.publicKey())));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])));

        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"account_id\":\"acme\""), payload);
        assertTrue(payload.contains("\"groups\":[\"audit-admin\"]"), payload);
    }

    @Test
    void theKeyInADirectorySurvivesRestarts(@TempDir Path directory) throws Exception {
        String first = LocalIdentity.inDirectory(directory).publicKey();
        assertEquals(first, LocalIdentity.inDirectory(directory).publicKey());
        assertTrue(Files.exists(directory.resolve("private-key.der")));
    }
}
