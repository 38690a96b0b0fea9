package io.auditlog.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.auditlog.audit.api.ViewDetails;
import io.auditlog.audit.api.ViewInput;
import io.auditlog.audit.api.ViewList;
import io.auditlog.audit.service.SavedViewService;
import io.auditlog.common.input.TextInput;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/views")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Views")
@RolesAllowed(Roles.ADMIN)
public class ViewResource {

    /** Longer display names are cut: the owner's name labels a tab and a list row. */
    private static final int MAX_OWNER_NAME = 200;

    private final SavedViewService views;
    private final CallerAccount caller;
    private final JsonWebToken token;

    ViewResource(SavedViewService views, CallerAccount caller, JsonWebToken token) {
        this.views = views;
        this.caller = caller;
        this.token = token;
    }

    @GET
    @Operation(summary = "The views the caller may use: the built-in ones, the caller's own, and those the "
            + "account's other super admins shared")
    public Uni<ViewList> list() {
        return views.list(person());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a view of the caller's (private unless shared)")
    @APIResponse(responseCode = "201", description = "Saved; Location names it",
            content = @Content(schema = @Schema(implementation = ViewDetails.class)))
    @APIResponse(responseCode = "400", description = "A field is invalid: the problem names it (filters.<param>)")
    @APIResponse(responseCode = "409", description = "The caller has a view of this name, or 100 views already")
    public Uni<Response> create(ViewInput input) {
        return views.create(person(), input).map(ViewResource::created);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One view: built-in, the caller's own, or one shared in the account")
    public Uni<ViewDetails> get(@RestPath String id) {
        return views.get(person(), id);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace one of the caller's views, sending the version read (a stale one is a 409)")
    @APIResponse(responseCode = "200", description = "Saved, with its new version",
            content = @Content(schema = @Schema(implementation = ViewDetails.class)))
    @APIResponse(responseCode = "403", description = "A shared view of another admin: only its owner changes it")
    @APIResponse(responseCode = "409", description = "A built-in view, a stale version, or a name the caller has")
    public Uni<ViewDetails> update(@RestPath String id, ViewInput input) {
        return views.update(person(), id, input);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete one of the caller's views")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "A shared view of another admin: only its owner deletes it")
    @APIResponse(responseCode = "409", description = "A built-in view")
    public Uni<Response> delete(@RestPath String id) {
        return views.delete(person(), id).map(done -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/clone")
    @Operation(summary = "Copy a built-in or readable view into a new private view of the caller, "
            + "named \"<name> (copy)\"")
    @APIResponse(responseCode = "201", description = "The copy; Location names it",
            content = @Content(schema = @Schema(implementation = ViewDetails.class)))
    public Uni<Response> copy(@RestPath String id) {
        return views.copy(person(), id).map(ViewResource::created);
    }

    /**
     * Location as a path, as the export-service names its jobs: the services are reached through the console's or
     * the Ingress' origin, which the service cannot know (Response.created would make it absolute on its own host).
     */
    private static Response created(ViewDetails view) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, "/api/v1/views/" + view.id())
                .entity(view).build();
    }

    private SavedViewService.Caller person() {
        String accountId = caller.accountId();
        String userId = caller.userId();
        if (userId == null) {
            throw ProblemException.forbidden("The token names no person (no sub claim); views belong to people");
        }
        return new SavedViewService.Caller(accountId, userId, displayName(userId));
    }

    /** The token's name, else its user name, else its email, else its subject: what others see as the owner. */
    private String displayName(String userId) {
        for (String claim : new String[] { "name", "preferred_username", "email" }) {
            Object value = token.getClaim(claim);
            String text = value instanceof JsonString json ? json.getString() : value instanceof String s ? s : null;
            if (text != null && !text.isBlank() && TextInput.singleLineProblem(text) == null) {
                String name = text.strip();
                return name.length() > MAX_OWNER_NAME ? name.substring(0, MAX_OWNER_NAME) : name;
            }
        }
        return userId;
    }
}
