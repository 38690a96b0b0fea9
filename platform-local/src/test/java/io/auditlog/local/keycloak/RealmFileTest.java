package io.auditlog.local.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The realm of the local run holds what the platform's security rests on: every client puts the audience in its
 * tokens, the account comes from a claim no user can change, and each client has exactly the roles of the contract.
 */
class RealmFileTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static JsonNode realm;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream file = RealmFileTest.class.getResourceAsStream("/keycloak/audit-platform-realm.json")) {
            realm = JSON.readTree(file);
        }
    }

    static List<JsonNode> clients() {
        List<JsonNode> clients = new ArrayList<>();
        realm.path("clients").forEach(clients::add);
        return clients;
    }

    static JsonNode client(String clientId) {
        return clients().stream().filter(c -> clientId.equals(c.path("clientId").asText())).findFirst().orElseThrow();
    }

    static List<JsonNode> mappers(JsonNode client, String type) {
        List<JsonNode> found = new ArrayList<>();
        client.path("protocolMappers").forEach(m -> {
            if (type.equals(m.path("protocolMapper").asText())) {
                found.add(m);
            }
        });
        return found;
    }

    /** Realm roles of a client's service account, or of a user. */
    static Set<String> roles(String username) {
        for (JsonNode user : realm.path("users")) {
            if (username.equals(user.path("username").asText())) {
                Set<String> roles = new TreeSet<>();
                user.path("realmRoles").forEach(r -> roles.add(r.asText()));
                return roles;
            }
        }
        throw new AssertionError("no user " + username);
    }

    @Test
    void theFiveRolesAreRealmRoles() {
        Set<String> roles = new TreeSet<>();
        realm.path("roles").path("realm").forEach(r -> roles.add(r.path("name").asText()));
        assertEquals(Set.of("audit-admin", "audit-ingest", "audit-feed", "audit-export", "platform-operator"), roles);
    }

    @Test
    void everyClientPutsTheAudienceInItsAccessTokens() {
        for (JsonNode client : clients()) {
            List<JsonNode> audience = mappers(client, "oidc-audience-mapper");
            assertEquals(1, audience.size(), client.path("clientId").asText());
            assertEquals(LocalRealm.AUDIENCE, audience.get(0).path("config").path("included.custom.audience").asText());
            assertEquals("true", audience.get(0).path("config").path("access.token.claim").asText());
        }
    }

    @Test
    void theServiceClientsHaveTheContractsRolesAndNoAccount() {
        Map<String, Set<String>> contract = Map.of("export-service", Set.of("audit-export", "audit-ingest"),
                "notification-service", Set.of("audit-feed"), "analytics-service", Set.of("audit-feed"),
                "platform-operator", Set.of("platform-operator"));
        contract.forEach((clientId, roles) -> {
            JsonNode client = client(clientId);
            assertTrue(client.path("serviceAccountsEnabled").asBoolean(), clientId);
            assertFalse(client.path("publicClient").asBoolean(), clientId);
            assertFalse(client.path("standardFlowEnabled").asBoolean(), clientId);
            assertFalse(client.path("directAccessGrantsEnabled").asBoolean(), clientId);
            assertEquals(roles, roles("service-account-" + clientId), clientId);
            assertTrue(mappers(client, "oidc-hardcoded-claim-mapper").isEmpty(), clientId + " carries no account_id");
        });
    }

    @Test
    void eachIngestClientCarriesItsAccountAsAFixedClaim() {
        for (String account : List.of("demo", "acme")) {
            JsonNode client = client(account + "-ingest");
            List<JsonNode> claims = mappers(client, "oidc-hardcoded-claim-mapper");
            assertEquals(1, claims.size());
            assertEquals("account_id", claims.get(0).path("config").path("claim.name").asText());
            assertEquals(account, claims.get(0).path("config").path("claim.value").asText());
            assertEquals(Set.of("audit-ingest"), roles("service-account-" + account + "-ingest"));
        }
    }

    @Test
    void theAccountAttributeIsDeclaredAndOnlyAdministratorsEditIt() throws IOException {
        JsonNode provider = realm.path("components").path("org.keycloak.userprofile.UserProfileProvider").path(0);
        JsonNode profile = JSON.readTree(provider.path("config").path("kc.user.profile.config").path(0).asText());
        JsonNode accountId = null;
        for (JsonNode attribute : profile.path("attributes")) {
            if ("account_id".equals(attribute.path("name").asText())) {
                accountId = attribute;
            }
        }
        assertNotNull(accountId, "Keycloak 26 drops an undeclared account_id");
        assertEquals(List.of("admin"), JSON.convertValue(accountId.path("permissions").path("edit"), List.class));
        assertEquals("^[A-Za-z0-9._:-]{1,128}$", accountId.path("validations").path("pattern").path("pattern").asText());
    }

    @Test
    void peopleCarryTheirEmailAndAccountThroughTheConsoleAndCliClients() {
        for (String clientId : List.of("audit-console", "platform-cli")) {
            List<JsonNode> account = mappers(client(clientId), "oidc-usermodel-attribute-mapper");
            assertEquals(1, account.size(), clientId);
            assertEquals("account_id", account.get(0).path("config").path("user.attribute").asText());
            assertEquals("account_id", account.get(0).path("config").path("claim.name").asText());
        }
        Map<String, String> emails = new HashMap<>();
        realm.path("users").forEach(u -> {
            if (!u.has("serviceAccountClientId")) {
                emails.put(u.path("username").asText(), u.path("email").asText());
                assertTrue(u.path("emailVerified").asBoolean());
            }
        });
        assertEquals(Map.of("demo-admin", "admin@demo.example", "acme-admin", "admin@acme.example",
                "demo-user", "user@demo.example"), emails);
        assertEquals(Set.of("audit-admin"), roles("demo-admin"));
        assertEquals(Set.of("audit-admin"), roles("acme-admin"));
        assertEquals(Set.of(), roles("demo-user"));
    }

    @Test
    void theConsoleIsAPublicClientWithPkce() {
        JsonNode console = client("audit-console");
        assertTrue(console.path("publicClient").asBoolean());
        assertTrue(console.path("standardFlowEnabled").asBoolean());
        assertFalse(console.path("directAccessGrantsEnabled").asBoolean());
        assertFalse(console.path("implicitFlowEnabled").asBoolean());
        assertEquals("S256", console.path("attributes").path("pkce.code.challenge.method").asText());
    }

    @Test
    void theLauncherReadsSecretsAndPasswordsFromTheFileAndSetsTheLifespan(@TempDir Path dir) throws IOException {
        LocalRealm local = LocalRealm.load(dir, "http://localhost:8180");
        assertEquals("http://localhost:8180/realms/audit-platform", local.issuer());
        assertEquals(client("export-service").path("secret").asText(), local.secret("export-service"));
        assertEquals("demo-admin", local.password("demo-admin"));
        Path file = dir.resolve("import/realm.json");
        local.writeImport(file, 42);
        assertEquals(42, JSON.readTree(Files.readString(file)).path("accessTokenLifespan").asInt());
    }

    @Test
    void aJdkIsRecognisedByItsReleaseFile(@TempDir Path home) throws IOException {
        assertTrue(JavaRuntimes.featureOf(home).isEmpty(), "no release file, no JDK");
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/java"), "");
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.1\"\n");
        assertEquals(25, JavaRuntimes.featureOf(home).orElseThrow());
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"1.8.0_402\"\n");
        assertEquals(8, JavaRuntimes.featureOf(home).orElseThrow());
    }
}
