package io.auditlog.notify.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.notify.rest.api.NotificationSettings;
import io.auditlog.notify.settings.SettingsRepository;
import io.auditlog.notify.settings.SettingsRules;
import io.smallrye.mutiny.Uni;

/** The caller's subscriptions to the account's alerts, their mail preferences, and the account's threshold. */
@Path("/api/v1/notification-settings")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Notification settings")
public class NotificationSettingsResource {

    private final SettingsRepository settings;
    private final CallerAccount caller;

    NotificationSettingsResource(SettingsRepository settings, CallerAccount caller) {
        this.settings = settings;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The caller's notification settings (defaults until first saved)")
    public Uni<NotificationSettings> get() {
        TokenUser user = TokenUser.of(caller);
        return settings.find(user.accountId(), user.userId(), user.email());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the caller's notification settings; answers the saved settings")
    public Uni<NotificationSettings> put(NotificationSettings update) {
        TokenUser user = TokenUser.of(caller);
        SettingsRules.check(update, user.email());
        return settings.save(user.accountId(), user.userId(), user.email(), update)
                .flatMap(saved -> settings.find(user.accountId(), user.userId(), user.email()));
    }
}
