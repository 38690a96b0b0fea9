package io.auditlog.export.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

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

    private final ExportJobService exports;
    private final CallerAccount caller;
    private final JsonWebToken token;

    ExportResource(ExportJobService exports, CallerAccount caller, JsonWebToken token) {
        this.exports = exports;
        this.caller = caller;
        this.token = token;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a report (audit-log, content-log or staff-access); answers 202 with the job")
    public Uni<Response> request(ExportRequest request) {
        ExportJobService.Requester requester = new ExportJobService.Requester(caller.accountId(), caller.userId(),
                caller.email(), token.getRawToken());
        return exports.request(requester, request).map(created -> Response.accepted(view(created))
                .header(HttpHeaders.LOCATION, "/api/v1/exports/" + created.job().id()).build());
    }

    @GET
    @Operation(summary = "The account's reports, newest first")
    public Uni<ExportJobPage> list(@RestQuery String before, @RestQuery String limit) {
        int size = PageLimits.parse(limit, "limit", 20, MAX_PAGE);
        Instant cursor = parseBefore(before);
        return exports.list(caller.accountId(), cursor, size + 1).map(jobs -> {
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
        int number = parseNumber(n);
        return RestMulti.fromUniResponse(exports.download(caller.accountId(), parseId(id), number),
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

    private static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No export " + id + " in this account");
        }
    }

    private static int parseNumber(String n) {
        try {
            int number = Integer.parseInt(n);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw ProblemException.badRequest("n", "must be a file number from 1");
    }

    private static Instant parseBefore(String before) {
        if (before == null || before.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(before);
        } catch (java.time.format.DateTimeParseException e) {
            throw ProblemException.badRequest("before", "is not a cursor this service issued");
        }
    }
}
