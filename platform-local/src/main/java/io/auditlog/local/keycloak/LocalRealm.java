package io.auditlog.local.keycloak;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The realm of the local run, {@code audit-platform}, as the repository defines it
 * ({@code platform-local/src/main/resources/keycloak/audit-platform-realm.json}): its clients' secrets and its
 * people's passwords (local, published values, never a production realm's), and tokens asked of a running
 * Keycloak for them.
 */
public final class LocalRealm {

    public static final String NAME = "audit-platform";
    /** The audience every client of the realm puts in its access tokens, and the services require. */
    public static final String AUDIENCE = "audit-platform";
    /** The realm's public client for direct access grants: local runs only (./platform token). */
    static final String CLI_CLIENT = "platform-cli";
    private static final String RESOURCE = "/keycloak/audit-platform-realm.json";
    private static final Path SOURCE = Path.of("platform-local/src/main/resources/keycloak/audit-platform-realm.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final ObjectNode realm;
    private final String issuer;

    private LocalRealm(ObjectNode realm, String serverUrl) {
        this.realm = realm;
        this.issuer = serverUrl + "/realms/" + NAME;
    }

    /**
     * The realm file of the repository at {@code root} (so an edit takes effect without a rebuild), else the copy
     * packaged in the launcher; served by Keycloak at {@code serverUrl}.
     */
    public static LocalRealm load(Path root, String serverUrl) {
        try {
            Path source = root.resolve(SOURCE);
            if (Files.isRegularFile(source)) {
                return new LocalRealm((ObjectNode) JSON.readTree(source.toFile()), serverUrl);
            }
            try (InputStream packaged = LocalRealm.class.getResourceAsStream(RESOURCE)) {
                if (packaged == null) {
                    throw new IllegalStateException("No realm file: neither " + source + " nor " + RESOURCE);
                }
                return new LocalRealm((ObjectNode) JSON.readTree(packaged), serverUrl);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the realm file: " + e.getMessage(), e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** Writes the realm for {@code --import-realm}, with the access-token lifespan given (seconds), if any. */
    void writeImport(Path file, Integer accessTokenLifespan) throws IOException {
        ObjectNode copy = realm.deepCopy();
        if (accessTokenLifespan != null) {
            copy.put("accessTokenLifespan", accessTokenLifespan);
        }
        Files.createDirectories(file.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), copy);
    }

    public int accessTokenLifespan() {
        return realm.path("accessTokenLifespan").asInt(300);
    }

    /** The secret of a confidential client of the realm. */
    public String secret(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (clientId.equals(client.path("clientId").asText()) && client.hasNonNull("secret")) {
                return client.get("secret").asText();
            }
        }
        throw new IllegalArgumentException("The realm has no confidential client " + clientId);
    }

    /** The password of a person of the realm. */
    public String password(String username) {
        return user(username).path("credentials").path(0).path("value").asText();
    }

    /** The people of the realm (no service accounts): username to a line describing them. */
    public Map<String, String> people() {
        Map<String, String> people = new LinkedHashMap<>();
        for (JsonNode user : realm.path("users")) {
            if (!user.hasNonNull("serviceAccountClientId")) {
                people.put(user.get("username").asText(), String.format("%-22s account %-5s %s",
                        user.path("email").asText(), user.path("attributes").path("account_id").path(0).asText(),
                        user.path("realmRoles").isEmpty() ? "(no role)" : user.path("realmRoles").toString()));
            }
        }
        return people;
    }

    public boolean hasUser(String username) {
        return !user(username).isMissingNode();
    }

    public boolean hasClient(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (clientId.equals(client.path("clientId").asText())) {
                return true;
            }
        }
        return false;
    }

    /** An access token of a confidential client (client-credentials grant). */
    public String clientToken(String clientId) throws IOException, InterruptedException {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret(clientId)));
    }

    /** An access token of a person (password grant through the local-only CLI client); it carries their email. */
    public String personToken(String username) throws IOException, InterruptedException {
        return token(Map.of("grant_type", "password", "client_id", CLI_CLIENT, "username", username,
                "password", password(username), "scope", "openid email profile"));
    }

    private JsonNode user(String username) {
        for (JsonNode user : realm.path("users")) {
            if (username.equals(user.path("username").asText())) {
                return user;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private String token(Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IOException("Keycloak does not answer at " + issuer + ": is ./platform run running?", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("Keycloak refused the token request (" + response.statusCode() + "): "
                    + response.body());
        }
        return JSON.readTree(response.body()).path("access_token").asText();
    }
}
