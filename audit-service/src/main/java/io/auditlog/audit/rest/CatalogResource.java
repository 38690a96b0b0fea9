package io.auditlog.audit.rest;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.auditlog.audit.api.Catalog;
import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.BuiltInView;
import io.auditlog.audit.domain.Department;
import io.auditlog.audit.domain.EventCatalog;
import io.auditlog.audit.domain.ItemType;
import io.auditlog.common.tenancy.Roles;

@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog")
public class CatalogResource {

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.INGEST })
    @Operation(summary = "The categories, subcategories and actions an event may carry, with their labels")
    public Catalog catalog() {
        return new Catalog(EventCatalog.categories(), List.of(ActorType.values()), List.of(Department.values()),
                List.of(ItemType.values()), Arrays.stream(BuiltInView.values())
                        .map(v -> new Catalog.ViewSummary(v.id(), v.displayName(), v.category())).toList());
    }
}
