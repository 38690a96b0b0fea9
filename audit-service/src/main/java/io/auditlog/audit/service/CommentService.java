package io.auditlog.audit.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.api.CommentChange;
import io.auditlog.audit.api.CommentInput;
import io.auditlog.audit.api.CommentThreadsView;
import io.auditlog.audit.api.CommentView;
import io.auditlog.audit.api.PersonRef;
import io.auditlog.audit.domain.ActingAdmin;
import io.auditlog.audit.domain.Comment;
import io.auditlog.audit.domain.Person;
import io.auditlog.audit.repository.CommentRepository;
import io.auditlog.audit.repository.MentionRepository;
import io.auditlog.audit.repository.PersonRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Comments on log entries: threads of a top comment and its replies (one level), edited and deleted by their
 * author, resolved and reopened by any super admin of the account. Every change runs in one transaction with the
 * mention records it causes (docs/architecture.md, "Comments"); a change sent with an old version is a 409.
 * Transactions are programmatic ({@code Panache.withTransaction}) so that beginning one is bounded in time too.
 */
@ApplicationScoped
public class CommentService {

    /** The status filter of a thread list. */
    enum Status {
        OPEN, RESOLVED, ALL
    }

    private final CommentRepository comments;
    private final PersonRepository people;
    private final MentionRepository mentions;
    private final DatabaseCalls calls;
    private final EventQueryService events;

    CommentService(CommentRepository comments, PersonRepository people, MentionRepository mentions,
            DatabaseCalls calls, EventQueryService events) {
        this.comments = comments;
        this.people = people;
        this.mentions = mentions;
        this.calls = calls;
        this.events = events;
    }

    /** The entry's threads of the given status ({@code open}, {@code resolved} or {@code all}, the default). */
    public Uni<CommentThreadsView> threads(String accountId, String eventId, String status) {
        Status wanted = status(status);
        return visibleEvent(accountId, eventId).chain(() -> calls.bounded(Panache.withSession(
                () -> comments.ofEvent(accountId, eventId)
                        .chain(all -> names(accountId, all).map(names -> threads(all, names, wanted))))));
    }

    public Uni<CommentView> create(ActingAdmin caller, String eventId, CommentInput input) {
        if (input == null) {
            throw ProblemException.badRequest("body", "is required: {\"text\": ..., \"parentId\"?, \"mentions\"?}");
        }
        List<FieldProblem> problems = new ArrayList<>();
        CommentRules.text(input.text(), problems);
        List<String> mentioned = CommentRules.mentions(input.mentions(), problems);
        UUID parentId = null;
        if (input.parentId() != null) {
            parentId = CommentRules.id(input.parentId());
            if (parentId == null) {
                problems.add(new FieldProblem("parentId", "must be the id of a comment on this log entry"));
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        UUID parent = parentId;
        return visibleEvent(caller.accountId(), eventId).chain(() -> write(() -> (parent == null
                ? Uni.createFrom().<Comment> nullItem() : checkedParent(caller, eventId, parent))
                .chain(() -> mentionable(caller.accountId(), mentioned, "mentions"))
                .chain(persons -> {
                    Comment comment = new Comment();
                    comment.commentId = UUID.randomUUID();
                    comment.accountId = caller.accountId();
                    comment.eventId = eventId;
                    comment.parentId = parent;
                    comment.authorId = caller.userId();
                    comment.authorName = caller.name();
                    comment.text = input.text();
                    comment.mentions = mentioned.toArray(String[]::new);
                    comment.createdAt = now();
                    return comments.persistAndFlush(comment)
                            .chain(() -> recordMentions(comment, persons))
                            .chain(() -> view(comment));
                })));
    }

    public Uni<CommentView> change(ActingAdmin caller, String eventId, String commentId, CommentChange change) {
        if (change == null) {
            throw ProblemException.badRequest("body", "is required: {\"version\", \"text\"?, \"mentions\"?, "
                    + "\"resolved\"?}");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (change.version() == null) {
            problems.add(new FieldProblem("version", "is required: the comment's version as last read"));
        }
        if (change.text() == null && change.mentions() == null && change.resolved() == null) {
            problems.add(new FieldProblem("text", "nothing to change: send text (and mentions) or resolved"));
        }
        if (change.text() != null) {
            CommentRules.text(change.text(), problems);
        }
        List<String> mentioned = CommentRules.mentions(change.mentions(), problems);
        UUID id = commentId(commentId);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return visibleEvent(caller.accountId(), eventId).chain(() -> write(() -> existingComment(caller, eventId, id)
                .chain(comment -> {
                    if (comment.isDeleted()) {
                        throw conflict("The comment was deleted; it cannot be changed");
                    }
                    if (comment.version != change.version()) {
                        throw stale(comment);
                    }
                    boolean editsText = change.text() != null || change.mentions() != null;
                    if (editsText && !comment.authorId.equals(caller.userId())) {
                        throw ProblemException.forbidden("Only the author of a comment may change its text");
                    }
                    if (change.resolved() != null && comment.isReply()) {
                        throw ProblemException.badRequest("resolved", "only a thread's top comment is resolved or "
                                + "reopened; this comment is a reply");
                    }
                    Uni<Map<String, Person>> persons = editsText && change.mentions() != null
                            ? mentionable(caller.accountId(), mentioned, "mentions")
                            : Uni.createFrom().<Map<String, Person>> item(Map.of());
                    return persons.chain(found -> {
                        if (editsText) {
                            if (change.text() != null) {
                                comment.text = change.text();
                            }
                            if (change.mentions() != null) {
                                comment.mentions = mentioned.toArray(String[]::new);
                            }
                            comment.editedAt = now();
                        }
                        if (change.resolved() != null && change.resolved() != (comment.resolvedAt != null)) {
                            comment.resolvedAt = change.resolved() ? now() : null;
                            comment.resolvedBy = change.resolved() ? caller.userId() : null;
                        }
                        return comments.flush().chain(() -> recordMentions(comment, found))
                                .chain(() -> view(comment));
                    });
                })));
    }

    /** Deletes the caller's own comment: a placeholder when it has replies, else gone (and an emptied thread too). */
    public Uni<Void> delete(ActingAdmin caller, String eventId, String commentId, String version) {
        UUID id = commentId(commentId);
        Integer expected = null;
        if (version != null) {
            try {
                expected = Integer.valueOf(version);
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("version", "must be the comment's version as last read");
            }
        }
        Integer wanted = expected;
        return visibleEvent(caller.accountId(), eventId).chain(() -> write(() -> existingComment(caller, eventId, id)
                .chain(comment -> {
                    if (comment.isDeleted()) {
                        throw ProblemException.notFound("No comment " + commentId + " on this log entry");
                    }
                    if (!comment.authorId.equals(caller.userId())) {
                        throw ProblemException.forbidden("Only the author of a comment may delete it");
                    }
                    if (wanted != null && wanted != comment.version) {
                        throw stale(comment);
                    }
                    if (comment.isReply()) {
                        return comments.delete(comment).chain(() -> removeEmptiedPlaceholder(comment.parentId));
                    }
                    return comments.replies(comment.commentId).chain(replies -> {
                        if (replies == 0) {
                            return comments.delete(comment);
                        }
                        comment.text = null;
                        comment.mentions = new String[0];
                        comment.deletedAt = now();
                        return Uni.createFrom().voidItem();
                    });
                }).chain(() -> comments.flush())));
    }

    /** A placeholder whose last reply went has nothing left to show. */
    private Uni<Void> removeEmptiedPlaceholder(UUID parentId) {
        return comments.flush().chain(() -> comments.findById(parentId)).chain(parent -> {
            if (parent == null || !parent.isDeleted()) {
                return Uni.createFrom().voidItem();
            }
            return comments.replies(parentId).chain(left -> left == 0 ? comments.delete(parent)
                    : Uni.createFrom().voidItem());
        });
    }

    private <T> Uni<T> write(Supplier<Uni<T>> work) {
        return calls.bounded(Panache.withTransaction(work)).onFailure(CommentService::lostRace)
                .transform(e -> conflict("The comment was changed meanwhile; read it again and retry"));
    }

    /** Two changes of one version at once: the second's UPDATE ... WHERE version = found no row. */
    private static boolean lostRace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException || t instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entry as the log shows it (GET /api/v1/events/{id}): another account's, a missing one and one of a category
     * the account's plan does not show are all a 404, before any transaction begins.
     */
    private Uni<Void> visibleEvent(String accountId, String eventId) {
        return events.get(accountId, eventId).replaceWithVoid();
    }

    private Uni<Comment> existingComment(ActingAdmin caller, String eventId, UUID id) {
        return comments.find(caller.accountId(), eventId, id).invoke(comment -> {
            if (comment == null) {
                throw ProblemException.notFound("No comment " + id + " on this log entry");
            }
        });
    }

    private Uni<Comment> checkedParent(ActingAdmin caller, String eventId, UUID parentId) {
        return comments.find(caller.accountId(), eventId, parentId).invoke(parent -> {
            if (parent == null) {
                throw ProblemException.badRequest("parentId", "is not a comment on this log entry");
            }
            if (parent.isReply()) {
                throw ProblemException.badRequest("parentId", "is a reply; replies are one level deep, so reply to "
                        + "its thread's top comment " + parent.parentId);
            }
        });
    }

    /** The mentioned people, each a super admin of the account (one the service has seen), else a 400 per id. */
    private Uni<Map<String, Person>> mentionable(String accountId, List<String> ids, String field) {
        return people.among(accountId, ids).map(found -> {
            Map<String, Person> byId = new HashMap<>();
            found.forEach(p -> byId.put(p.userId, p));
            List<FieldProblem> problems = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (!byId.containsKey(ids.get(i))) {
                    problems.add(new FieldProblem(field + "[" + i + "]", "\"" + ids.get(i) + "\" is not a super "
                            + "admin of this account: only people listed by GET /api/v1/people can be mentioned"));
                }
            }
            if (!problems.isEmpty()) {
                throw ProblemException.invalid(problems);
            }
            return byId;
        });
    }

    /** A mention record for each person the comment mentions now; the unique key skips those it already had. */
    private Uni<Void> recordMentions(Comment comment, Map<String, Person> persons) {
        Uni<Void> work = Uni.createFrom().voidItem();
        String excerpt = comment.text == null ? "" : CommentRules.excerpt(comment.text);
        for (String userId : comment.mentions) {
            Person person = persons.get(userId);
            if (person == null) {
                continue; // mentions unchanged by this edit were recorded when they were made
            }
            work = work.chain(() -> mentions.record(comment.commentId, comment.eventId, comment.accountId,
                    comment.authorName, userId, person.email, excerpt)).replaceWithVoid();
        }
        return work;
    }

    private Uni<CommentView> view(Comment comment) {
        List<Comment> one = new ArrayList<>();
        one.add(comment);
        Uni<List<Comment>> family = comment.isReply() ? Uni.createFrom().item(one)
                : comments.list("parentId", comment.commentId).map(replies -> {
                    List<Comment> all = new ArrayList<>(one);
                    all.addAll(replies);
                    return all;
                });
        return family.chain(all -> names(comment.accountId, all).map(names -> {
            List<Comment> replies = all.subList(1, all.size()).stream()
                    .sorted(java.util.Comparator.comparing((Comment c) -> c.createdAt)).toList();
            return toView(comment, comment.isReply() ? null : replies, names);
        }));
    }

    private Uni<Map<String, String>> names(String accountId, List<Comment> all) {
        Set<String> ids = new HashSet<>();
        for (Comment c : all) {
            ids.addAll(Arrays.asList(c.mentions));
            if (c.resolvedBy != null) {
                ids.add(c.resolvedBy);
            }
        }
        return people.among(accountId, ids).map(found -> {
            Map<String, String> names = new HashMap<>();
            found.forEach(p -> names.put(p.userId, p.name));
            return names;
        });
    }

    private static CommentThreadsView threads(List<Comment> all, Map<String, String> names, Status wanted) {
        Map<UUID, List<Comment>> replies = new HashMap<>();
        Map<UUID, Comment> tops = new LinkedHashMap<>();
        for (Comment c : all) {
            if (c.isReply()) {
                replies.computeIfAbsent(c.parentId, k -> new ArrayList<>()).add(c);
            } else {
                tops.put(c.commentId, c);
            }
        }
        int open = 0;
        int resolved = 0;
        List<CommentView> items = new ArrayList<>();
        for (Comment top : tops.values()) {
            boolean isResolved = top.resolvedAt != null;
            if (isResolved) {
                resolved++;
            } else {
                open++;
            }
            if (wanted == Status.ALL || (wanted == Status.RESOLVED) == isResolved) {
                items.add(toView(top, replies.getOrDefault(top.commentId, List.of()), names));
            }
        }
        return new CommentThreadsView(items, open, resolved);
    }

    private static CommentView toView(Comment c, List<Comment> replies, Map<String, String> names) {
        boolean top = !c.isReply();
        return new CommentView(c.commentId.toString(), c.eventId, c.parentId == null ? null : c.parentId.toString(),
                c.isDeleted() ? null : new PersonRef(c.authorId, c.authorName), c.text,
                Arrays.stream(c.mentions).map(id -> new PersonRef(id, names.getOrDefault(id, id))).toList(),
                c.createdAt, c.isDeleted() ? null : c.editedAt, c.isDeleted(), c.deletedAt, c.version,
                top ? c.resolvedAt != null : null, top ? c.resolvedAt : null,
                top && c.resolvedBy != null ? new PersonRef(c.resolvedBy, names.getOrDefault(c.resolvedBy, c.resolvedBy))
                        : null,
                top ? replies.stream().map(r -> toView(r, null, names)).toList() : null);
    }

    private static Status status(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Status.ALL;
        }
        return switch (raw) {
            case "open" -> Status.OPEN;
            case "resolved" -> Status.RESOLVED;
            case "all" -> Status.ALL;
            default -> throw ProblemException.badRequest("status", "must be one of open, resolved, all");
        };
    }

    private static UUID commentId(String raw) {
        UUID id = CommentRules.id(raw);
        if (id == null) {
            throw ProblemException.notFound("No comment " + raw + " on this log entry");
        }
        return id;
    }

    private static ProblemException stale(Comment comment) {
        return conflict("The comment was changed meanwhile (version " + comment.version + "); read it again and retry");
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    /** Stored times are microseconds; the answer should show what a later read shows. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
