package io.auditlog.audit.domain;

import java.time.Instant;
import java.util.List;

/**
 * What a log query asks for; every list means "any of". {@code from} is inclusive, {@code to} exclusive,
 * either may be null (open). {@code withComments}: only events with at least one comment that is not deleted.
 */
public record EventFilter(Instant from, Instant to, List<String> categories, List<String> subcategories,
        List<String> actions, List<String> actors, List<String> actorTypes, List<String> teams,
        List<String> objectTypes, List<String> objectIds, List<String> ips, String text, boolean withComments) {

    public EventFilter withCategories(List<String> newCategories) {
        return new EventFilter(from, to, newCategories, subcategories, actions, actors, actorTypes, teams, objectTypes,
                objectIds, ips, text, withComments);
    }

    public EventFilter withActorTypes(List<String> newActorTypes) {
        return new EventFilter(from, to, categories, subcategories, actions, actors, newActorTypes, teams, objectTypes,
                objectIds, ips, text, withComments);
    }
}
