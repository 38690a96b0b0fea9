package io.auditlog.export.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.common.input.Utf8;
import io.auditlog.common.problem.JsonInputProblems;
import io.auditlog.common.problem.PageLimits;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.export.domain.ExportFile;
import io.auditlog.export.rest.api.ExportFileView;
import io.auditlog.export.rest.api.ExportJobPage;
import io.auditlog.export.rest.api.ExportJobView;
import io.auditlog.export.rest.api.ExportRequest;
import io.auditlog.export.service.ExportJobService;
import io.auditlog.export.service.ExportJobService.JobWithFiles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

@Path("/api/v1/exports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Exports")
public class ExportResource {

    private static final int MAX_PAGE = 100;
    private static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern FILE_NUMBER = Pattern.compile("0*[1-9][0-9]{0,8}");
    private static final Instant EARLIEST_CURSOR = Instant.EPOCH;
    private static final Instant LATEST_CURSOR = Instant.parse("9999-12-31T23:59:59Z");

    private final ExportJobService exports;
    private final CallerAccount caller;
    private final JsonWebToken token;
    private final ObjectMapper json;

    ExportResource(ExportJobService exports, CallerAccount caller, JsonWebToken token, ObjectMapper json) {
        this.exports = exports;
        this.caller = caller;
        this.token = token;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a report (audit-log, content-log or staff-access); answers 202 with the job")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = ExportRequest.class)))
    public Uni<Response> request(byte[] body) {
        ExportJobService.Requester requester = new ExportJobService.Requester(caller.accountId(), caller.userId(),
                caller.email(), token.getRawToken());
        return exports.request(requester, read(body)).map(created -> Response.accepted(view(created))
                .header(HttpHeaders.LOCATION, "/api/v1/exports/" + created.job().id()).build());
    }

    @GET
    @Operation(summary = "The account's reports, newest first")
    public Uni<ExportJobPage> list(@RestQuery String before, @RestQuery String limit) {
        String account = caller.accountId();
        int size = PageLimits.parse(limit, "limit", 20, MAX_PAGE);
        Instant cursor = parseBefore(before);
        return exports.list(account, cursor, size + 1).map(jobs -> {
            List<ExportJobView> items = jobs.stream().limit(size).map(j -> view(new JobWithFiles(j, List.of()))).toList();
            String next = jobs.size() > size ? jobs.get(size - 1).createdAt().toString() : null;
            return new ExportJobPage(items, next);
        });
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A report: status, progress, files and expiry")
    public Uni<ExportJobView> get(@RestPath String id) {
        return exports.get(caller.accountId(), parseId(id)).map(ExportResource::view);
    }

    @GET
    @Path("/{id}/files/{n}")
    @Produces("text/csv")
    @Operation(summary = "Download one file of a completed report")
    public RestMulti<Buffer> download(@RestPath String id, @RestPath String n) {
        String account = caller.accountId();
        UUID job = parseId(id);
        return RestMulti.fromUniResponse(exports.download(account, job, parseNumber(n)),
                ExportJobService.Download::content,
                // No Content-Length: the body is streamed chunked, and a response must not carry both (RFC 9112).
                d -> java.util.Map.of(HttpHeaders.CONTENT_TYPE, List.of(d.job().format().contentType()),
                        "Content-Disposition", List.of("attachment; filename=\"" + d.file().name() + "\"")));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a report and its files")
    public Uni<Response> delete(@RestPath String id) {
        return exports.delete(caller.accountId(), parseId(id)).map(done -> Response.noContent().build());
    }

    static ExportJobView view(JobWithFiles found) {
        var job = found.job();
        List<ExportFileView> files = found.files().stream().map((ExportFile f) -> new ExportFileView(f.number(),
                f.name(), f.rows(), f.bytes(), "/api/v1/exports/" + job.id() + "/files/" + f.number())).toList();
        return new ExportJobView(job.id().toString(), job.type().id(), job.format().extension(), job.status().name(),
                job.from(), job.to(), job.timeZone(), job.query(), job.rowsWritten(), job.filesWritten(), files,
                job.failure(), job.createdAt(), job.startedAt(), job.completedAt(), job.expiresAt());
    }

    /**
     * The body as an export request. Unknown fields are refused rather than ignored: a misspelt {@code "filter"}
     * would otherwise quietly export the whole log. The bytes must be well-formed UTF-8 (the shared check leaves a
     * {@code byte[]} body to its endpoint), since Jackson reads an overlong {@code C0 AF} as {@code /}.
     */
    private ExportRequest read(byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        int invalid = Utf8.firstInvalid(bytes, 0, bytes.length);
        if (invalid >= 0) {
            throw ProblemException.badRequest("body", "is not well-formed UTF-8 (byte offset " + invalid + ")");
        }
        try {
            return json.readerFor(ExportRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(bytes);
        } catch (JsonProcessingException e) {
            throw JsonInputProblems.of(e, "");
        } catch (java.io.IOException e) {
            throw ProblemException.badRequest("body", "cannot be read");
        }
    }

    /** Only the canonical form: UUID.fromString also takes "1-1-1-1-1", which this service never issues. */
    private static UUID parseId(String id) {
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw ProblemException.badRequest("id", "must be an export id (a UUID)");
        }
        return UUID.fromString(id);
    }

    /** ASCII digits only (Integer.parseInt also reads other scripts' digits and a sign). */
    private static int parseNumber(String n) {
        if (n != null && FILE_NUMBER.matcher(n).matches()) {
            return Integer.parseInt(n);
        }
        throw ProblemException.badRequest("n", "must be a file number from 1");
    }

    /**
     * A cursor is the creation time of the last job of the previous page. Times PostgreSQL cannot hold (or that no
     * job can have) are refused here rather than failing in the database.
     */
    private static Instant parseBefore(String before) {
        if (before == null || before.isEmpty()) {
            return null;
        }
        try {
            Instant cursor = Instant.parse(before);
            if (!cursor.isBefore(EARLIEST_CURSOR) && !cursor.isAfter(LATEST_CURSOR)) {
                return cursor;
            }
        } catch (java.time.format.DateTimeParseException e) {
            // below
        }
        throw ProblemException.badRequest("before", "is not a cursor this service issued");
    }
}
