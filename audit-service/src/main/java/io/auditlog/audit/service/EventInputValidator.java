package io.auditlog.audit.service;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.api.ActorInput;
import io.auditlog.audit.api.ContextInput;
import io.auditlog.audit.api.EventInput;
import io.auditlog.audit.api.ObjectInput;
import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.CategoryDefinition;
import io.auditlog.audit.domain.EventCatalog;
import io.auditlog.audit.domain.EventContext;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.NewEvent;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.time.StorableTime;

/**
 * Checks a batch of sent events against the contract and the catalog, and turns them into events to store.
 * It reports every problem of the batch at once (each with its field path), and accepts nothing unless the
 * whole batch is valid: a batch is all or nothing.
 */
@ApplicationScoped
public class EventInputValidator {

    static final int MAX_DETAILS_CHARS = 32 * 1024;
    private static final int MAX_PROBLEMS = 100;

    private final AuditConfig config;

    EventInputValidator(AuditConfig config) {
        this.config = config;
    }

    /**
     * {@code checkText}: whether each string must be checked for what the log cannot store (NUL, control characters,
     * lone surrogates); false only when the body's bytes showed none can be there ({@code TextInput.cannotFail}).
     */
    public List<NewEvent> validate(List<EventInput> inputs, boolean batch, boolean checkText) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        Instant now = Instant.now();
        Window window = new Window(now.minus(config.retention().days(), ChronoUnit.DAYS),
                now.plus(config.ingest().maxFutureSkew()));
        List<NewEvent> events = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size() && problems.size() < MAX_PROBLEMS; i++) {
            EventInput input = inputs.get(i);
            FieldChecks check = new FieldChecks(i, batch, checkText, problems);
            events.add(checkOne(input, check, window, problems));
            if (input.id() != null) {
                Integer first = firstIndexOfId.putIfAbsent(input.id(), i);
                if (first != null) {
                    check.fail("id", "repeats the id of events[" + first + "]");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return events;
    }

    /** The times an event may have occurred at: within the retention period, up to the allowed skew ahead. */
    private record Window(Instant oldest, Instant latest) {
    }

    /** Checks one event; answers it as it will be stored (details serialised once, here), or null if invalid. */
    private NewEvent checkOne(EventInput input, FieldChecks check, Window window, List<FieldProblem> problems) {
        int problemsBefore = problems.size();
        check.id("id", input.id());
        check.required("occurredAt", input.occurredAt());
        boolean codes = check.requiredSingleLine("category", input.category(), 64)
                & check.singleLine("subcategory", input.subcategory(), 64)
                & check.requiredSingleLine("action", input.action(), 64);
        checkActor(input.actor(), check);
        checkObject(input.object(), check);
        String ip = checkContext(input.context(), check);
        if (codes) {
            checkCatalog(input, check);
        }
        checkTime(input.occurredAt(), check, window);
        String details = null;
        if (input.details() != null) {
            check.details("details", input.details());
            details = input.details().toString();
            if (details.length() > MAX_DETAILS_CHARS) {
                check.fail("details", "must be at most " + MAX_DETAILS_CHARS + " characters of JSON");
            }
        }
        return problems.size() > problemsBefore ? null : toNewEvent(input, ip, details);
    }

    private static void checkActor(ActorInput actor, FieldChecks check) {
        if (actor == null) {
            return;
        }
        check.singleLine("actor.id", actor.id(), 256);
        check.email("actor.email", actor.email());
        check.freeText("actor.name", actor.name(), 256);
        check.singleLines("actor.teams", actor.teams(), 50, 128);
        if (actor.department() != null && actor.type() != ActorType.STAFF) {
            check.fail("actor.department", "is only for actor type STAFF");
        }
    }

    private static void checkObject(ObjectInput object, FieldChecks check) {
        if (object == null) {
            return;
        }
        check.singleLine("object.type", object.type(), 128);
        check.singleLine("object.id", object.id(), 256);
        check.freeText("object.name", object.name(), 1024);
        check.freeText("object.path", object.path(), 4096);
    }

    /** Checks the context; answers its IP address in canonical form (or null). */
    private static String checkContext(ContextInput context, FieldChecks check) {
        if (context == null) {
            return null;
        }
        String ip = null;
        if (context.ip() != null) {
            ip = IpAddresses.canonicalAddress(context.ip());
            if (ip == null) {
                check.fail("context.ip", "must be an IPv4 or IPv6 address, e.g. 203.0.113.7 or 2001:db8::1 "
                        + "(no brackets, zone id, prefix or leading zeros)");
            }
        }
        check.singleLine("context.userAgent", context.userAgent(), 1024);
        check.singleLine("context.loginType", context.loginType(), 64);
        check.singleLine("context.country", context.country(), 64);
        check.singleLine("context.region", context.region(), 128);
        return ip;
    }

    private static void checkCatalog(EventInput input, FieldChecks check) {
        if (input.category() == null || input.category().isBlank()) {
            return; // already reported as required
        }
        Optional<CategoryDefinition> category = EventCatalog.category(input.category());
        if (category.isEmpty()) {
            check.fail("category", "unknown category; must be one of " + String.join(", ", EventCatalog.categoryCodes()));
            return;
        }
        CategoryDefinition definition = category.get();
        if (input.subcategory() != null && !definition.hasSubcategory(input.subcategory())) {
            check.fail("subcategory", definition.subcategories().isEmpty()
                    ? "category " + definition.code() + " has no subcategories"
                    : "unknown for category " + definition.code() + "; must be one of "
                            + String.join(", ", definition.subcategoryCodes()));
        }
        if (input.action() != null && !input.action().isBlank() && !definition.hasAction(input.action())) {
            check.fail("action", "unknown for category " + definition.code() + "; must be one of "
                    + String.join(", ", definition.actionCodes()));
        }
    }

    private void checkTime(OffsetDateTime occurredAt, FieldChecks check, Window window) {
        if (occurredAt == null) {
            return;
        }
        Instant at = occurredAt.toInstant();
        if (!StorableTime.isStorable(at)) {
            check.fail("occurredAt", StorableTime.RULE);
        } else if (at.isBefore(window.oldest()) || at.isAfter(window.latest())) {
            check.fail("occurredAt", "must lie within the retention period of " + config.retention().days()
                    + " days and at most " + config.ingest().maxFutureSkew().toHours() + " hours in the future");
        }
    }

    private static NewEvent toNewEvent(EventInput in, String ip, String details) {
        ActorInput a = in.actor();
        ObjectInput o = in.object();
        ContextInput c = in.context();
        return new NewEvent(
                in.id() != null ? in.id() : "evt-" + UUID.randomUUID(),
                in.occurredAt(), in.category(), in.subcategory(), in.action(),
                a == null ? null : new Actor(a.id(), a.email(), a.name(), a.type(), a.department(), a.teams()),
                o == null ? null : new EventObject(o.type(), o.id(), o.name(), o.path(), o.itemType()),
                c == null ? null : new EventContext(ip, c.userAgent(), c.loginType(), c.country(), c.region()),
                details);
    }
}
