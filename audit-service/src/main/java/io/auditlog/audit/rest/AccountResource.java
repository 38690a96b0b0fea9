package io.auditlog.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import io.auditlog.audit.api.AccountView;
import io.auditlog.audit.api.PlanChange;
import io.auditlog.audit.domain.EventCatalog;
import io.auditlog.audit.service.AccountPlan;
import io.auditlog.audit.service.PlanService;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.AccountIds;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.smallrye.mutiny.Uni;

@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
@Path("/")
public class AccountResource {

    private final PlanService plans;
    private final CallerAccount caller;

    AccountResource(PlanService plans, CallerAccount caller) {
        this.plans = plans;
        this.caller = caller;
    }

    @GET
    @Path("api/v1/account")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The caller's account: its plan and what the plan shows")
    public Uni<AccountView> account() {
        return plans.planOf(caller.accountId()).map(AccountResource::toView);
    }

    @PUT
    @Path("internal/v1/accounts/{accountId}/plan")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Set an account's plan (vendor operators)")
    public Uni<AccountView> setPlan(@RestPath String accountId, PlanChange change) {
        if (!AccountIds.isValid(accountId)) {
            throw ProblemException.badRequest("accountId", "must be " + AccountIds.RULE);
        }
        if (change == null || change.plan() == null) {
            throw ProblemException.badRequest("plan", "is required: one of STARTER, PROFESSIONAL, ENTERPRISE");
        }
        return plans.setPlan(accountId, change.plan()).map(AccountResource::toView);
    }

    private static AccountView toView(AccountPlan account) {
        var limit = account.plan().categoryLimit();
        return new AccountView(account.accountId(), account.plan(), account.source(),
                limit.isEmpty() ? EventCatalog.categoryCodes() : limit, account.plan().seesDetails());
    }
}
