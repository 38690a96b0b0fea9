package io.auditlog.audit.service;

import java.time.Instant;

import jakarta.inject.Singleton;

import io.auditlog.audit.api.InstantText;
import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.EventContext;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.integrity.EventLeaf;

/**
 * An event's leaf: the library's fixed version-1 projection of the event exactly as {@code GET /api/v1/events/{id}}
 * writes it for an Enterprise account, which is what a customer's verifier recomputes from the JSON it downloaded.
 * The values are handed to the library as the view's JSON would read back (times as {@link EventViewMapper}'s
 * writer writes them, enums by name, the details as stored), without writing that JSON: EventLeavesTest holds this
 * equal to the leaf of the view's bytes. A singleton: the sealer calls it for every event.
 */
@Singleton
public class EventLeaves {

    public byte[] leafHash(StoredEvent event) {
        return EventLeaf.leafHash(values(event));
    }

    static EventLeaf.Values values(StoredEvent e) {
        return new EventLeaf.Values(e.accountId(), e.id(), text(e.occurredAt()), text(e.recordedAt()), e.category(),
                e.subcategory(), e.action(), actor(e.actor()), object(e.object()), context(e.context()),
                e.detailsJson());
    }

    private static String text(Instant instant) {
        return instant == null ? null : InstantText.toString(instant);
    }

    private static EventLeaf.ActorValues actor(Actor a) {
        return a == null ? null
                : new EventLeaf.ActorValues(a.id(), a.email(), a.name(), a.type() == null ? null : a.type().name(),
                        a.department() == null ? null : a.department().name(), a.teams());
    }

    private static EventLeaf.ObjectValues object(EventObject o) {
        return o == null ? null
                : new EventLeaf.ObjectValues(o.type(), o.id(), o.name(), o.path(),
                        o.itemType() == null ? null : o.itemType().name());
    }

    private static EventLeaf.ContextValues context(EventContext c) {
        return c == null ? null
                : new EventLeaf.ContextValues(c.ip(), c.userAgent(), c.loginType(), c.country(), c.region());
    }
}
