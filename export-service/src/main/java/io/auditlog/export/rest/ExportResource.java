package io.auditlog.export.rest;

import java.util.List;
import java.util.Map;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.common.problem.ProblemDetail;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.export.api.ExportFileView;
import io.auditlog.export.api.ExportJobPage;
import io.auditlog.export.api.ExportJobView;
import io.auditlog.export.api.ExportRequest;
import io.auditlog.export.domain.ExportFile;
import io.auditlog.export.service.ExportJobService;
import io.auditlog.export.service.ExportJobService.JobWithFiles;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

@Path("/api/v1/exports")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Exports")
public class ExportResource {

    private static final Pattern UUID_TEXT = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern FILE_NUMBER = Pattern.compile("0*[1-9][0-9]{0,8}");

    private final ExportJobService exports;
    private final CallerAccount caller;
    private final JsonWebToken token;

    ExportResource(ExportJobService exports, CallerAccount caller, JsonWebToken token) {
        this.exports = exports;
        this.caller = caller;
        this.token = token;
    }

    /**
     * The body is read by Jackson with the service's strict policy ({@code StrictJson}, and
     * {@code quarkus.jackson.fail-on-unknown-properties}: a misspelt {@code "filter"} is refused rather than
     * ignored, which would quietly export the whole log) after the shared UTF-8 check.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Request a report (audit-log, content-log or staff-access)")
    @APIResponse(responseCode = "202", description = "The job is queued; Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportJobView.class)))
    @APIResponse(responseCode = "400", description = "A field of the request is refused (named in errors[].field)",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(responseCode = "403", description = "The account's plan or the admin's rights do not cover the report",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(responseCode = "503", description = "The audit-service or the database cannot be reached; retry",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    public Uni<Response> request(ExportRequest body) {
        ExportJobService.Requester requester = new ExportJobService.Requester(caller.accountId(), caller.userId(),
                caller.email(), token.getRawToken());
        return exports.request(requester, body).map(created -> Response.accepted(view(created))
                .header(HttpHeaders.LOCATION, "/api/v1/exports/" + created.job().id()).build());
    }

    @GET
    @Operation(summary = "The account's reports, newest first; page on with the nextCursor of the page before")
    @APIResponse(responseCode = "200", description = "A page of reports",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExportJobPage.class)))
    public Uni<ExportJobPage> list(@Parameter(description = "The nextCursor of the previous page") @RestQuery String cursor,
            @Parameter(description = "1 to 100, default 20") @RestQuery String limit,
            @Parameter(description = "Refused: replaced by cursor", deprecated = true) @RestQuery String before) {
        if (before != null) {
            // The creation time alone lost jobs created in the same microsecond at a page boundary.
            throw ProblemException.badRequest("before", "is no longer taken; page with cursor (the nextCursor of the "
                    + "previous page)");
        }
        return exports.list(caller.accountId(), cursor, limit).map(page -> new ExportJobPage(
                page.jobs().stream().map(ExportResource::view).toList(),
                page.next() == null ? null : page.next().encode()));
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
    @APIResponse(responseCode = "200", description = "The file (CSV, or NDJSON for an ndjson report)",
            content = { @Content(mediaType = "text/csv"), @Content(mediaType = "application/x-ndjson") })
    @APIResponse(responseCode = "404", description = "No such report or file in this account, or not completed",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(responseCode = "410", description = "The report has expired",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    public RestMulti<Buffer> download(@RestPath String id, @RestPath String n) {
        String account = caller.accountId();
        UUID job = parseId(id);
        return RestMulti.fromUniResponse(exports.download(account, job, parseNumber(n)),
                ExportJobService.Download::content,
                // No Content-Length: the body is streamed chunked, and a response must not carry both (RFC 9112).
                d -> Map.of(HttpHeaders.CONTENT_TYPE, List.of(d.job().format().contentType()),
                        "Content-Disposition", List.of("attachment; filename=\"" + d.file().name() + "\"")));
    }

    @GET
    @Path("/{id}/manifest")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The signed manifest of a completed report: the request, every file's size, rows and SHA-256, "
            + "the signed tree head; check it with integrity-verify verify-report")
    @APIResponse(responseCode = "200", description = "The manifest (an attachment)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "404", description = "No such report in this account, not completed, or no manifest",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(responseCode = "410", description = "The report has expired",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    public Uni<Response> manifest(@RestPath String id) {
        // A few kilobytes: sent whole, byte for byte as stored (a JSON writer would reformat what was signed).
        return exports.manifest(caller.accountId(), parseId(id)).chain(d -> d.content()
                .collect().in(Buffer::buffer, Buffer::appendBuffer).map(body -> Response.ok(body.getBytes())
                        .type(MediaType.APPLICATION_JSON)
                        .header("Content-Disposition", "attachment; filename=\"" + d.file().name() + "\"").build()));
    }

    @GET
    @Path("/{id}/proof")
    // Streamed raw like the files (a JSON Produces would make RESTEasy write the chunks as a JSON array); the
    // response says application/json.
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @Operation(summary = "The per-row proof of a completed NDJSON report: each row's sealed leaf and multiproofs "
            + "against the manifest's tree head")
    @APIResponse(responseCode = "200", description = "The proof (an attachment)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "404", description = "No such report in this account, not completed, a CSV report, "
            + "or no proof", content = @Content(mediaType = ProblemDetail.MEDIA_TYPE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @APIResponse(responseCode = "410", description = "The report has expired",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    public RestMulti<Buffer> proof(@RestPath String id) {
        return attachment(exports.proof(caller.accountId(), parseId(id)));
    }

    private static RestMulti<Buffer> attachment(Uni<ExportJobService.Download> download) {
        return RestMulti.fromUniResponse(download, ExportJobService.Download::content,
                d -> Map.of(HttpHeaders.CONTENT_TYPE, List.of(MediaType.APPLICATION_JSON),
                        "Content-Disposition", List.of("attachment; filename=\"" + d.file().name() + "\"")));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a report and its files")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such report in this account",
            content = @Content(mediaType = ProblemDetail.MEDIA_TYPE, schema = @Schema(implementation = ProblemDetail.class)))
    public Uni<Response> delete(@RestPath String id) {
        return exports.delete(caller.accountId(), parseId(id)).map(done -> Response.noContent().build());
    }

    static ExportJobView view(JobWithFiles found) {
        var job = found.job();
        String base = "/api/v1/exports/" + job.id();
        List<ExportFileView> files = found.files().stream().map((ExportFile f) -> new ExportFileView(f.number(),
                f.name(), f.rows(), f.bytes(), base + "/files/" + f.number(), found.sha256().get(f.number())))
                .toList();
        // A manifest's file row records the tree size it is signed under (ExportFile).
        ExportJobView.ManifestLink manifest = found.manifest() == null ? null
                : new ExportJobView.ManifestLink(base + "/manifest", found.proof() == null ? null : base + "/proof",
                        found.manifest().rows());
        return new ExportJobView(job.id().toString(), job.type().id(), job.format().extension(), job.status().name(),
                job.from(), job.to(), job.timeZone(), job.query(), job.rowsWritten(), job.filesWritten(), files,
                job.failure(), job.createdAt(), job.startedAt(), job.completedAt(), job.expiresAt(), manifest);
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
}
