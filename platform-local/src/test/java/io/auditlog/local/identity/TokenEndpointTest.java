package io.auditlog.local.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class TokenEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final LocalIdentity IDENTITY = LocalIdentity.generate();
    private static TokenEndpoint endpoint;

    @BeforeAll
    static void start() {
        endpoint = TokenEndpoint.start(IDENTITY, Duration.ofSeconds(7), 0);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
    }

    @Test
    void discoveryNamesTheIssuerTheTokenEndpointAndTheKeys() throws Exception {
        JsonNode discovery = JSON.readTree(get("/.well-known/openid-configuration").body());
        assertEquals(LocalIdentity.ISSUER, discovery.path("issuer").asText());
        assertEquals(endpoint.url() + "/token", discovery.path("token_endpoint").asText());
        JsonNode key = JSON.readTree(get("/jwks").body()).path("keys").get(0);
        assertEquals("RSA", key.path("kty").asText());
        assertEquals(IDENTITY.jwk().get("n"), key.path("n").asText(), "the issuer's public key");
    }

    @Test
    void clientSecretBasicGetsASignedTokenWithTheClientsRolesAndItsLifetime() throws Exception {
        TokenEndpoint.Client client = endpoint.client("export-service");
        String basic = Base64.getEncoder().encodeToString((client.id() + ":" + client.secret())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint.url() + "/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = JSON.readTree(response.body());
        assertEquals(7, answer.path("expires_in").asLong());
        assertEquals("Bearer", answer.path("token_type").asText());

        String[] parts = answer.path("access_token").asText().split("\\.");
        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(IDENTITY.publicKey())));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "signed by the local issuer");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals(LocalIdentity.ISSUER, claims.path("iss").asText());
        assertEquals("export-service", claims.path("sub").asText());
        assertEquals(List.of("audit-export", "audit-ingest"),
                List.of(claims.path("groups").get(0).asText(), claims.path("groups").get(1).asText()));
        assertTrue(claims.path("account_id").isMissingNode(), "a service client serves every account");
        long exp = claims.path("exp").asLong();
        assertTrue(exp >= Instant.now().getEpochSecond() + 6, "exp is at least the announced lifetime ahead");
    }

    @Test
    void clientSecretPostWorksAndABadSecretIsInvalidClient() throws Exception {
        TokenEndpoint.Client client = endpoint.client("analytics-service");
        int issued = endpoint.issued("analytics-service");
        assertEquals(200, post("grant_type=client_credentials&client_id=analytics-service&client_secret="
                + URLEncoder.encode(client.secret(), StandardCharsets.UTF_8)).statusCode());
        assertEquals(issued + 1, endpoint.issued("analytics-service"));

        int refused = endpoint.refused();
        HttpResponse<String> wrong = post("grant_type=client_credentials&client_id=analytics-service&client_secret=x");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_client", JSON.readTree(wrong.body()).path("error").asText());
        assertEquals(401, post("grant_type=client_credentials&client_id=nobody&client_secret=x").statusCode());
        assertEquals(400, post("grant_type=password&client_id=analytics-service&client_secret="
                + URLEncoder.encode(client.secret(), StandardCharsets.UTF_8)).statusCode());
        assertEquals(refused + 3, endpoint.refused());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(endpoint.url() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
