package io.auditlog.local.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small OAuth 2.0 authorization server for one machine, backed by a {@link LocalIdentity}: the stand-in for the
 * identity provider that gives the platform's services their client-credentials tokens in tests and local runs.
 *
 * <ul>
 * <li>{@code GET /.well-known/openid-configuration}: the discovery document (issuer, token_endpoint, jwks_uri)</li>
 * <li>{@code GET /jwks}: the issuer's public key</li>
 * <li>{@code POST /token}: {@code grant_type=client_credentials}, the client authenticated with
 * {@code client_secret_basic} or {@code client_secret_post}; answers a signed JWT whose {@code groups} are the
 * client's roles and {@code expires_in}, or 401 {@code invalid_client} for an unknown client or a wrong secret</li>
 * </ul>
 *
 * The discovery document names {@link LocalIdentity#ISSUER} as the issuer, the {@code iss} of every token, which
 * the services verifying tokens trust through {@code QUARKUS_OIDC_TOKEN_ISSUER}; the clients reach the endpoint
 * itself at {@link #url()}.
 */
public final class TokenEndpoint implements AutoCloseable {

    /** A registered client: its id, secret and the roles its tokens carry (no account: it serves all accounts). */
    public record Client(String id, String secret, List<String> roles) {
    }

    /** The client ids and roles of the platform's service clients (the identity contract of docs/identity.md). */
    public static final Map<String, List<String>> SERVICE_CLIENT_ROLES = Map.of(
            "export-service", List.of("audit-export", "audit-ingest"),
            "notification-service", List.of("audit-feed"),
            "analytics-service", List.of("audit-feed"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalIdentity identity;
    private final Duration lifetime;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> issued = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final HttpServer server;
    private final ExecutorService executor;

    private TokenEndpoint(LocalIdentity identity, Duration lifetime, int port) {
        if (lifetime.toSeconds() < 1) {
            throw new IllegalArgumentException("A token lifetime of at least one second is needed: " + lifetime);
        }
        this.identity = identity;
        this.lifetime = lifetime;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the local token endpoint on port " + port, e);
        }
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "local-token-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/.well-known/openid-configuration", exchange -> answer(exchange, discovery()));
        server.createContext("/jwks", exchange -> answer(exchange, Map.of("keys", List.of(identity.jwk()))));
        server.createContext("/token", this::token);
    }

    /**
     * Starts an endpoint on {@code port} (0: any free port) issuing tokens that live {@code lifetime}, with the
     * platform's three service clients registered under fresh random secrets.
     */
    public static TokenEndpoint start(LocalIdentity identity, Duration lifetime, int port) {
        TokenEndpoint endpoint = new TokenEndpoint(identity, lifetime, port);
        SERVICE_CLIENT_ROLES.forEach((id, roles) -> endpoint.register(new Client(id, newSecret(), roles)));
        endpoint.server.start();
        return endpoint;
    }

    /**
     * Runs an endpoint on its own, for scripts that start services by hand:
     * {@code java -cp platform-local/target/platform-local.jar io.auditlog.local.identity.TokenEndpoint PORT
     * LIFETIME IDENTITY-DIRECTORY}. Prints {@code CLIENT_ID=SECRET} per service client, then {@code ready}, and
     * serves until killed.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: TokenEndpoint PORT LIFETIME(ISO-8601, e.g. PT5M) IDENTITY-DIRECTORY");
            System.exit(2);
        }
        TokenEndpoint endpoint = start(LocalIdentity.inDirectory(java.nio.file.Path.of(args[2])),
                Duration.parse(args[1]), Integer.parseInt(args[0]));
        SERVICE_CLIENT_ROLES.keySet().stream().sorted()
                .forEach(id -> System.out.println(id + "=" + endpoint.client(id).secret()));
        System.out.println("ready " + endpoint.url());
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Registers (or replaces) a client. */
    public void register(Client client) {
        clients.put(client.id(), client);
    }

    /** The base URL: the {@code auth-server-url} under which discovery finds the token endpoint. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How long the tokens issued here live. */
    public Duration lifetime() {
        return lifetime;
    }

    /** The registered client {@code id}. */
    public Client client(String id) {
        Client client = clients.get(id);
        if (client == null) {
            throw new IllegalArgumentException("No client " + id + " is registered at the local token endpoint");
        }
        return client;
    }

    /**
     * The {@code QUARKUS_OIDC_CLIENT_*} environment of a service whose default OIDC client is {@code clientId}, or an
     * empty map for a service with no client here (the audit-service calls no one).
     */
    public Map<String, String> clientEnvironment(String clientId) {
        Map<String, String> env = new LinkedHashMap<>();
        clientConfig(clientId).forEach((key, value) -> env.put(
                key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'), value));
        return env;
    }

    /** The same as {@code quarkus.oidc-client.*} configuration keys (a service under test in this JVM). */
    public Map<String, String> clientConfig(String clientId) {
        Map<String, String> config = new LinkedHashMap<>();
        if (!clients.containsKey(clientId)) {
            return config;
        }
        config.put("quarkus.oidc-client.auth-server-url", url());
        config.put("quarkus.oidc-client.client-id", clientId);
        config.put("quarkus.oidc-client.credentials.secret", client(clientId).secret());
        return config;
    }

    /** How many tokens were issued to {@code clientId} so far. */
    public int issued(String clientId) {
        AtomicInteger count = issued.get(clientId);
        return count == null ? 0 : count.get();
    }

    /** How many token requests were refused (bad client, secret or grant). */
    public int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", LocalIdentity.ISSUER);
        document.put("token_endpoint", url() + "/token");
        document.put("jwks_uri", url() + "/jwks");
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return document;
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                error(exchange, 405, "invalid_request", "POST only");
                return;
            }
            Map<String, String> form = form(exchange.getRequestBody());
            String clientId = form.get("client_id");
            String secret = form.get("client_secret");
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                String[] pair = basic(authorization.substring(6).trim());
                if (pair == null) {
                    refuse(exchange);
                    return;
                }
                clientId = pair[0];
                secret = pair[1];
            }
            Client client = clientId == null ? null : clients.get(clientId);
            if (client == null || secret == null || !MessageDigest.isEqual(
                    client.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
                refuse(exchange);
                return;
            }
            if (!"client_credentials".equals(form.get("grant_type"))) {
                refused.incrementAndGet();
                error(exchange, 400, "unsupported_grant_type", "Only client_credentials is supported here");
                return;
            }
            // The token's exp lies at least the announced lifetime ahead (exp is in whole seconds, rounded down).
            String token = identity.token(client.id(), null, client.roles(), lifetime.plusSeconds(1),
                    Map.of("azp", client.id()));
            issued.computeIfAbsent(client.id(), id -> new AtomicInteger()).incrementAndGet();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("access_token", token);
            body.put("token_type", "Bearer");
            body.put("expires_in", lifetime.toSeconds());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            answer(exchange, body);
        }
    }

    private void refuse(HttpExchange exchange) throws IOException {
        refused.incrementAndGet();
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"local-identity\"");
        error(exchange, 401, "invalid_client", "Unknown client or wrong secret");
    }

    private static String[] basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            // RFC 6749 2.3.1: id and secret are form-encoded before they are joined.
            return new String[] { URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        Map<String, String> form = new HashMap<>();
        String text = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(name, value);
        }
        return form;
    }

    private static void error(HttpExchange exchange, int status, String error, String description) throws IOException {
        send(exchange, status, Map.of("error", error, "error_description", description));
    }

    private static void answer(HttpExchange exchange, Object body) throws IOException {
        try (exchange) {
            send(exchange, 200, body);
        }
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        // One connection per request: the JDK server drops a kept-alive connection after about 30 s idle, and a
        // client reusing it at that moment (an OIDC client's next token, 28 s after its first) gets it closed under
        // its request, which it does not retry. Token requests are rare, so a new connection costs nothing.
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
