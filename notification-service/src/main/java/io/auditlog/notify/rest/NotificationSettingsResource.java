package io.auditlog.notify.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.notify.api.NotificationSettings;
import io.auditlog.notify.service.SettingsService;
import io.smallrye.mutiny.Uni;

/** The caller's subscriptions to the account's alerts, their mail preferences, and the account's threshold. */
@Path("/api/v1/notification-settings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Notification settings")
@APIResponse(responseCode = "401", description = "No valid token")
@APIResponse(responseCode = "403", description = "The token lacks role audit-admin")
@APIResponse(responseCode = "503", description = "The database did not answer in time; retry after Retry-After")
public class NotificationSettingsResource {

    private final SettingsService settings;
    private final CallerAccount caller;

    NotificationSettingsResource(SettingsService settings, CallerAccount caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's notification settings (defaults until first saved)")
    @APIResponse(responseCode = "200", description = "The settings")
    public Uni<NotificationSettings> get() {
        TokenUser user = TokenUser.of(caller);
        return settings.find(user.accountId(), user.userId(), user.email());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the caller's notification settings; answers the saved settings")
    @APIResponse(responseCode = "200", description = "The settings as saved")
    @APIResponse(responseCode = "400", description = "Not a complete, valid settings document; errors[].field names "
            + "each problem and nothing was saved")
    public Uni<NotificationSettings> put(NotificationSettings update) {
        TokenUser user = TokenUser.of(caller);
        return settings.save(user.accountId(), user.userId(), user.email(), update);
    }
}
