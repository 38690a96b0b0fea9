package io.auditlog.audit.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.auditlog.audit.catalog.CategoryDefinition;
import io.auditlog.audit.catalog.EventCatalog;
import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.Department;
import io.auditlog.audit.domain.ItemType;
import io.auditlog.audit.service.BuiltInView;
import io.auditlog.common.tenancy.Roles;

@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalog")
public class CatalogResource {

    public record ViewSummary(String id, String name, String category) {
    }

    public record Catalog(List<CategoryDefinition> categories, List<ActorType> actorTypes,
            List<Department> departments, List<ItemType> itemTypes, List<ViewSummary> builtInViews) {
    }

    @GET
    @RolesAllowed({ Roles.ADMIN, Roles.INGEST })
    @Operation(summary = "The categories, subcategories and actions an event may carry, with their labels")
    public Catalog catalog() {
        return new Catalog(EventCatalog.categories(), List.of(ActorType.values()), List.of(Department.values()),
                List.of(ItemType.values()), java.util.Arrays.stream(BuiltInView.values())
                        .map(v -> new ViewSummary(v.id(), v.displayName(), v.category())).toList());
    }
}
