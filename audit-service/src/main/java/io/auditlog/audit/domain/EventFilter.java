package io.auditlog.audit.domain;

import java.time.Instant;
import java.util.List;

/**
 * What a log query asks for; every list means "any of". {@code from} is inclusive, {@code to} exclusive,
 * either may be null (open). {@code withComments}: only events with at least one comment that is not deleted.
 * {@code excludedEventId}: the one event left out (the AUDIT_LOG record of this very read, written beside it), or
 * null.
 */
public record EventFilter(Instant from, Instant to, List<String> categories, List<String> subcategories,
        List<String> actions, List<String> actors, List<String> actorTypes, List<String> teams,
        List<String> objectTypes, List<String> objectIds, List<String> ips, String text, boolean withComments,
        String excludedEventId) {

    public EventFilter(Instant from, Instant to, List<String> categories, List<String> subcategories,
            List<String> actions, List<String> actors, List<String> actorTypes, List<String> teams,
            List<String> objectTypes, List<String> objectIds, List<String> ips, String text, boolean withComments) {
        this(from, to, categories, subcategories, actions, actors, actorTypes, teams, objectTypes, objectIds, ips, text,
                withComments, null);
    }

    public EventFilter withCategories(List<String> newCategories) {
        return new EventFilter(from, to, newCategories, subcategories, actions, actors, actorTypes, teams, objectTypes,
                objectIds, ips, text, withComments, excludedEventId);
    }

    public EventFilter withActorTypes(List<String> newActorTypes) {
        return new EventFilter(from, to, categories, subcategories, actions, actors, newActorTypes, teams, objectTypes,
                objectIds, ips, text, withComments, excludedEventId);
    }

    /** The same query without the event {@code eventId} (null: nothing left out). */
    public EventFilter withoutEvent(String eventId) {
        return new EventFilter(from, to, categories, subcategories, actions, actors, actorTypes, teams, objectTypes,
                objectIds, ips, text, withComments, eventId);
    }
}
