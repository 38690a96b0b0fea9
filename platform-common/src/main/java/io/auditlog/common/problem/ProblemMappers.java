package io.auditlog.common.problem;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.auditlog.common.database.DatabaseUnavailableException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;

/**
 * The one place where failures become responses: every error a service answers is problem+json (RFC 9457),
 * and none carries a class name or a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    private static final String RETRY_AFTER_SECONDS = "2";
    /**
     * What Netty's native (epoll) transport throws for a reset or broken connection: an IOException, not a
     * SocketException. Named, not imported, so this module does not depend on the native transport.
     */
    private static final String NATIVE_IO_EXCEPTION = "io.netty.channel.unix.Errors$NativeIoException";
    /**
     * Failures the Vert.x SQL client raises as plain VertxExceptions, told apart only by their text: commands still
     * queued on a connection the server closed, and a pool with no connection to lend within its wait timeout.
     */
    private static final Set<String> VERTX_UNAVAILABLE_MESSAGES = Set.of(
            "Pending requests failed to be sent due to connection has been closed.",
            "Timeout waiting for connection");
    /**
     * The same for a pooled connection the server closed (a restart) that a query was given just before the pool
     * noticed: "Connection is not active now, current status: CLOSED". Seen in DatabaseFaultsIT as a 500.
     */
    private static final String VERTX_INACTIVE_CONNECTION = "Connection is not active now";

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return toResponse(e, uri);
    }

    /** The response for {@code e}, for filters that answer before any endpoint runs. */
    public static Response toResponse(ProblemException e, UriInfo uri) {
        Response response = respond(new ProblemDetail(null, e.title(), e.status(), e.getMessage(), path(uri),
                e.errors()));
        if (e.status() == 503) {
            // Every "not now" says when to come back, whichever dependency was missing (database or service).
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        return response;
    }

    /** Listed one by one: Jackson's own mappers for these subtypes would otherwise answer without a field. */
    @ServerExceptionMapper({ JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class,
            InvalidFormatException.class, UnrecognizedPropertyException.class })
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return problem(JsonInputProblems.of(e, ""), uri);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Response response = respond(new ProblemDetail(null, "Unauthorized", 401,
                "A valid bearer token is required", path(uri), List.of()));
        return Response.fromResponse(response).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new ProblemDetail(null, "Forbidden", 403,
                "The token's roles do not allow this operation", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri); // the body reader wraps JSON syntax errors
        }
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String detail = status == 404 ? "No such resource" : type.getReasonPhrase();
        return respond(new ProblemDetail(null, type.getReasonPhrase(), status, detail, path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (isDatabaseUnreachable(e)) {
            LOG.warnf("Database unreachable on %s: %s", path(uri), e.getMessage());
            Response response = respond(new ProblemDetail(null, "Service unavailable", 503,
                    "The database cannot be reached right now; retry shortly (sending the same event ids again is safe)",
                    path(uri), List.of()));
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s on %s", incident, path(uri));
        return respond(new ProblemDetail(null, "Internal error", 500,
                "The request failed unexpectedly; incident " + incident, path(uri), List.of()));
    }

    /**
     * A refused or lost database connection (also one the server cut while it sat in the pool, which surfaces as a
     * reset socket, or as a closed channel when the query is written just as the server goes), a server that is
     * shutting down, starting up or out of connection slots, or one that did not answer in time: the request may
     * succeed when retried.
     */
    static boolean isDatabaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException
                    || t instanceof java.net.SocketException || t instanceof ClosedChannelException
                    || t instanceof DatabaseUnavailableException || NATIVE_IO_EXCEPTION.equals(t.getClass().getName())
                    || (t.getClass().getName().startsWith("io.vertx.") && t.getMessage() != null
                            && (VERTX_UNAVAILABLE_MESSAGES.contains(t.getMessage())
                                    || t.getMessage().startsWith(VERTX_INACTIVE_CONNECTION)))
                    || isConnectionCut(t)) {
                return true;
            }
            if (t instanceof PgException pg && isTransientState(pg.getSqlState())) {
                return true;
            }
            if (t instanceof SQLException sql && isTransientState(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A connection the peer cut while this side wrote to it: on JDK 17 a socket write answers a plain IOException
     * ("Connection reset by peer", "Broken pipe"), not a SocketException. Seen in CI when a pool opened a connection
     * to a PostgreSQL that was restarting, as it sent the startup message.
     */
    private static boolean isConnectionCut(Throwable t) {
        if (!(t instanceof java.io.IOException) || t.getMessage() == null) {
            return false;
        }
        String message = t.getMessage();
        return message.startsWith("Connection reset") || message.equals("Broken pipe");
    }

    /**
     * SQLSTATE classes that say "not now" rather than "wrong request": 08 connection exceptions, 57P01..57P03
     * (admin or crash shutdown, "the database system is starting up / shutting down"), 53300 (too many
     * connections). 57014 (query cancelled) is not among them: a statement timeout is the query's own fault.
     */
    private static boolean isTransientState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("53300"));
    }

    private static Response respond(ProblemDetail problem) {
        return Response.status(problem.status()).type(ProblemDetail.MEDIA_TYPE).entity(problem).build();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
