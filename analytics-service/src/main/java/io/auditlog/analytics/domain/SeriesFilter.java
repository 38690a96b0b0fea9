package io.auditlog.analytics.domain;

import java.util.List;

/**
 * The log filters a series may carry, as in the log: each list means "any of", empty means any. One actor at
 * most: the rollups count an event under its actor id and its email, so two actors of one event would be
 * counted twice, where the log counts it once.
 */
public record SeriesFilter(List<String> categories, List<String> actions, List<String> objectTypes, String actor) {
}
