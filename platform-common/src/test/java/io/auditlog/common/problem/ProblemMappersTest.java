package io.auditlog.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import io.vertx.sqlclient.ClosedConnectionException;

class ProblemMappersTest {

    private final ProblemMappers mappers = new ProblemMappers();

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfter() {
        for (Throwable outage : List.of(new ConnectException("Connection refused"),
                new RuntimeException("wrapped", ClosedConnectionException.INSTANCE),
                new RuntimeException("query written as the server went", new ClosedChannelException()),
                new java.net.SocketException("Connection reset"),
                new RuntimeException(new io.vertx.core.VertxException(
                        "Pending requests failed to be sent due to connection has been closed.", true)),
                new io.vertx.core.VertxException("Timeout waiting for connection", true),
                new io.vertx.core.VertxException("Connection is not active now, current status: CLOSED", true),
                new RuntimeException(new java.io.IOException("Connection reset by peer")),
                new java.io.IOException("Broken pipe"))) {
            Response response = mappers.unexpected(outage, null);
            assertEquals(503, response.getStatus());
            assertEquals("2", response.getHeaderString("Retry-After"));
            assertEquals(ProblemDetail.MEDIA_TYPE, response.getMediaType().toString());
        }
    }

    @Test
    void anythingElseIsA500WithoutInternals() {
        assertEquals(500, mappers.unexpected(new io.vertx.core.VertxException("Something else", true), null).getStatus());
        assertEquals(500, mappers.unexpected(new java.io.IOException("Disk full"), null).getStatus());
        Response response = mappers.unexpected(new IllegalStateException("secret detail"), null);
        assertEquals(500, response.getStatus());
        ProblemDetail body = (ProblemDetail) response.getEntity();
        assertFalse(body.detail().contains("IllegalStateException") || body.detail().contains("secret"));
        assertTrue(body.detail().startsWith("The request failed unexpectedly; incident "));
    }

    @Test
    void jsonErrorsNameTheFieldPath() {
        record Inner(int count) {
        }
        record Outer(List<Inner> items) {
        }
        try {
            new ObjectMapper().readValue("{\"items\":[{\"count\":1},{\"count\":\"many\"}]}", Outer.class);
        } catch (InvalidFormatException e) {
            ProblemException problem = JsonInputProblems.of(e, "events[2]");
            assertEquals("events[2].items[1].count", problem.errors().get(0).field());
            assertEquals("cannot read \"many\" as a whole number", problem.errors().get(0).reason());
            return;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a format error");
    }
}
