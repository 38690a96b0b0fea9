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
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import io.auditlog.audit.catalog.CategoryDefinition;
import io.auditlog.audit.catalog.EventCatalog;
import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.Actor;
import io.auditlog.audit.domain.ActorType;
import io.auditlog.audit.domain.EventContext;
import io.auditlog.audit.domain.EventObject;
import io.auditlog.audit.domain.NewEvent;
import io.auditlog.audit.rest.api.ActorInput;
import io.auditlog.audit.rest.api.ContextInput;
import io.auditlog.audit.rest.api.EventInput;
import io.auditlog.audit.rest.api.ObjectInput;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;

/**
 * Checks a batch of sent events against the contract and the catalog, and turns them into events to store.
 * It reports every problem of the batch at once (each with its field path), and accepts nothing unless the
 * whole batch is valid: a batch is all or nothing.
 */
@ApplicationScoped
public class EventInputValidator {

    static final int MAX_DETAILS_CHARS = 32 * 1024;
    private static final int MAX_PROBLEMS = 100;

    private final Validator validator;
    private final AuditConfig config;

    EventInputValidator(Validator validator, AuditConfig config) {
        this.validator = validator;
        this.config = config;
    }

    public List<NewEvent> validate(List<EventInput> inputs, boolean batch) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, Integer> firstIndexOfId = new HashMap<>();
        Instant now = Instant.now();
        for (int i = 0; i < inputs.size() && problems.size() < MAX_PROBLEMS; i++) {
            String prefix = batch ? "events[" + i + "]." : "";
            EventInput input = inputs.get(i);
            checkOne(input, prefix, now, problems);
            if (input.id() != null) {
                Integer first = firstIndexOfId.putIfAbsent(input.id(), i);
                if (first != null) {
                    problems.add(new FieldProblem(prefix + "id", "repeats the id of events[" + first + "]"));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return inputs.stream().map(EventInputValidator::toNewEvent).toList();
    }

    private void checkOne(EventInput input, String prefix, Instant now, List<FieldProblem> problems) {
        for (ConstraintViolation<EventInput> violation : validator.validate(input)) {
            problems.add(new FieldProblem(prefix + fieldOf(violation), violation.getMessage()));
        }
        checkCatalog(input, prefix, problems);
        checkTime(input.occurredAt(), prefix, now, problems);
        checkActor(input.actor(), prefix, problems);
        if (input.context() != null && input.context().ip() != null && !IpAddresses.isLiteral(input.context().ip())) {
            problems.add(new FieldProblem(prefix + "context.ip", "must be an IPv4 or IPv6 address"));
        }
        if (input.details() != null && input.details().toString().length() > MAX_DETAILS_CHARS) {
            problems.add(new FieldProblem(prefix + "details", "must be at most " + MAX_DETAILS_CHARS + " characters of JSON"));
        }
    }

    private void checkCatalog(EventInput input, String prefix, List<FieldProblem> problems) {
        if (input.category() == null || input.category().isBlank()) {
            return; // already reported as required
        }
        Optional<CategoryDefinition> category = EventCatalog.category(input.category());
        if (category.isEmpty()) {
            problems.add(new FieldProblem(prefix + "category",
                    "unknown category; must be one of " + String.join(", ", EventCatalog.categoryCodes())));
            return;
        }
        CategoryDefinition definition = category.get();
        if (input.subcategory() != null && !definition.hasSubcategory(input.subcategory())) {
            problems.add(new FieldProblem(prefix + "subcategory", definition.subcategories().isEmpty()
                    ? "category " + definition.code() + " has no subcategories"
                    : "unknown for category " + definition.code() + "; must be one of "
                            + String.join(", ", definition.subcategoryCodes())));
        }
        if (input.action() != null && !input.action().isBlank() && !definition.hasAction(input.action())) {
            problems.add(new FieldProblem(prefix + "action", "unknown for category " + definition.code()
                    + "; must be one of " + String.join(", ", definition.actionCodes())));
        }
    }

    private void checkTime(OffsetDateTime occurredAt, String prefix, Instant now, List<FieldProblem> problems) {
        if (occurredAt == null) {
            return;
        }
        Instant at = occurredAt.toInstant();
        Instant oldest = now.minus(config.retention().days(), ChronoUnit.DAYS);
        Instant latest = now.plus(config.ingest().maxFutureSkew());
        if (at.isBefore(oldest) || at.isAfter(latest)) {
            problems.add(new FieldProblem(prefix + "occurredAt", "must lie within the retention period of "
                    + config.retention().days() + " days and at most " + config.ingest().maxFutureSkew().toHours()
                    + " hours in the future"));
        }
    }

    private void checkActor(ActorInput actor, String prefix, List<FieldProblem> problems) {
        if (actor != null && actor.department() != null && actor.type() != ActorType.STAFF) {
            problems.add(new FieldProblem(prefix + "actor.department", "is only for actor type STAFF"));
        }
    }

    /** "actor.teams[2].<list element>" reads better as "actor.teams[2]". */
    private static String fieldOf(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replace(".<list element>", "");
    }

    private static NewEvent toNewEvent(EventInput in) {
        ActorInput a = in.actor();
        ObjectInput o = in.object();
        ContextInput c = in.context();
        return new NewEvent(
                in.id() != null ? in.id() : "evt-" + UUID.randomUUID(),
                in.occurredAt(), in.category(), in.subcategory(), in.action(),
                a == null ? null : new Actor(a.id(), a.email(), a.name(), a.type(), a.department(), a.teams()),
                o == null ? null : new EventObject(o.type(), o.id(), o.name(), o.path(), o.itemType()),
                c == null ? null : new EventContext(c.ip(), c.userAgent(), c.loginType(), c.country(), c.region()),
                in.details());
    }
}
