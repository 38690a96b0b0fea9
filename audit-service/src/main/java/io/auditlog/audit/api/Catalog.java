package io.auditlog.audit.api;

import java.util.List;

import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.CategoryDefinition;
import io.auditlog.audit.domain.Department;
import io.auditlog.audit.domain.ItemType;

/** What an event may carry (GET /api/v1/catalog): codes with their labels, and the built-in views. */
public record Catalog(List<CategoryDefinition> categories, List<ActorType> actorTypes, List<Department> departments,
        List<ItemType> itemTypes, List<ViewSummary> builtInViews) {

    /** A built-in view of the log, and the one category it shows (null: all). */
    public record ViewSummary(String id, String name, String category) {
    }
}
