package io.auditlog.analytics.domain;

import java.util.Set;

/** The category and action codes of the audit catalog: what the log's filters take, so what the series take. */
public record CatalogCodes(Set<String> categories, Set<String> actions) {

    public CatalogCodes {
        categories = Set.copyOf(categories);
        actions = Set.copyOf(actions);
    }
}
