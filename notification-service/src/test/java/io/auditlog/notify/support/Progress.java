package io.auditlog.notify.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.common.feed.FeedPosition;
import io.auditlog.local.testing.LocalPlatformTestResource;

/**
 * Where the service's background work stands, from the counts it keeps: how far its audit feed consumer has come
 * (its stored position against the audit feed's head) and which mails its outbox still has to send. Tests wait on
 * these instead of sleeping until "nothing more arrives": once the consumer is past the events a test sent and the
 * outbox holds nothing pending for its recipients, no further mail can come of them.
 */
public final class Progress {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private Progress() {
    }

    /** Waits until the audit feed consumer has applied every event of {@code eventIds}. */
    public static void awaitApplied(Collection<String> eventIds) throws Exception {
        String head = headAfter(eventIds);
        if (!Eventually.holds(WAIT, () -> notBefore(auditPosition(), head))) {
            throw new AssertionError("the audit feed consumer did not reach " + head + "; it is at " + auditPosition());
        }
    }

    /** Waits until no mail to any of {@code recipients} is pending in the outbox (each sent, or given up). */
    public static void awaitOutboxSettled(Collection<String> recipients) throws Exception {
        if (!Eventually.holds(WAIT, () -> recipients.stream().allMatch(r -> outbox(r, "pending") == 0))) {
            throw new AssertionError("mails still pending for " + recipients);
        }
    }

    /** Both: the events applied, and what they caused sent. */
    public static void awaitSettled(Collection<String> eventIds, Collection<String> recipients) throws Exception {
        awaitApplied(eventIds);
        awaitOutboxSettled(recipients);
    }

    /** Mails to {@code recipient} in the outbox with {@code status}. */
    public static int outbox(String recipient, String status) {
        return count("SELECT count(*) FROM notify.outbox WHERE recipient = ? AND status = ?", recipient, status);
    }

    /** The audit feed consumer's stored position. */
    public static String auditPosition() {
        try (Connection connection = connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT position FROM notify.feed_position WHERE feed = 'audit'");
                ResultSet row = select.executeQuery()) {
            return row.next() ? row.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A position of the audit feed at or after every one of {@code eventIds}, read from the audit-service with a
     * feed token: the feed shows a committed event once older write transactions have ended, so it is read again
     * until all of them are there.
     */
    public static String headAfter(Collection<String> eventIds) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Set<String> missing = new HashSet<>(eventIds);
            String position = ""; // each test run has a database of its own: its feed is short
            while (true) {
                JsonNode page = page(position);
                page.path("items").forEach(item -> missing.remove(item.path("id").asText()));
                String next = page.path("next").asText();
                if (page.path("items").isEmpty() || next.equals(position)) {
                    break;
                }
                position = next;
                if (missing.isEmpty()) {
                    return position;
                }
            }
            if (missing.isEmpty()) {
                return position;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("events never reached the audit feed: " + missing);
            }
            Thread.sleep(100);
        }
    }

    /** Whether feed position {@code now} is at or after {@code reached} (transaction id, then sequence). */
    public static boolean notBefore(String now, String reached) {
        if (reached == null || reached.isEmpty()) {
            return true;
        }
        if (now == null || now.isEmpty()) {
            return false;
        }
        FeedPosition a = FeedPosition.decode(now).orElseThrow();
        FeedPosition b = FeedPosition.decode(reached).orElseThrow();
        int byTx = Long.compareUnsigned(Long.parseUnsignedLong(a.txId()), Long.parseUnsignedLong(b.txId()));
        return byTx > 0 || byTx == 0 && a.seq() >= b.seq();
    }

    private static JsonNode page(String after) throws Exception {
        String token = LocalPlatformTestResource.identity().token("notify-test-feed", null, List.of("audit-feed"),
                Duration.ofMinutes(5));
        String query = after == null || after.isEmpty() ? "" : "after=" + URLEncoder.encode(after,
                StandardCharsets.UTF_8) + "&";
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(Accounts.auditUrl()
                + "/internal/v1/feed?" + query + "limit=1000")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new AssertionError("the audit feed answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private static int count(String sql, String... parameters) {
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Connection connect() throws Exception {
        Config config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
    }
}
