package io.auditlog.audit.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.api.ViewDetails;
import io.auditlog.audit.api.ViewInput;
import io.auditlog.audit.api.ViewList;
import io.auditlog.audit.api.ViewOwner;
import io.auditlog.audit.domain.BuiltInView;
import io.auditlog.audit.domain.SavedView;
import io.auditlog.audit.repository.SavedViewRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.input.TextInput;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/**
 * Saved views of the log: a person's own, the account's shared ones, and the built-in three, which can be cloned
 * but not changed. Every read and change is scoped to the caller's account (another account's view is a 404, as
 * if it did not exist) and every change to the owner. Plain CRUD over Panache, each change in a transaction of its
 * own, bounded in time like every database call.
 */
@ApplicationScoped
public class SavedViewService {

    /** A saved view's id as this service issues it: a UUID in its canonical lower-case form. */
    private static final Pattern SAVED_ID = Pattern
            .compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final TypeReference<LinkedHashMap<String, Object>> FILTERS = new TypeReference<>() {
    };
    private static final String UNIQUE_VIOLATION = "23505";

    /** The person a request acts for: account and subject from the token, and the name to show as owner. */
    public record Caller(String accountId, String userId, String name) {
    }

    /** A view as a search applies it. */
    public record Applied(String name, Map<String, Object> filters, boolean oldestFirst) {
    }

    private final SavedViewRepository views;
    private final EventSearchParser parser;
    private final ObjectMapper json;
    private final DatabaseCalls calls;

    SavedViewService(SavedViewRepository views, EventSearchParser parser, ObjectMapper json, DatabaseCalls calls) {
        this.views = views;
        this.parser = parser;
        this.json = json;
        this.calls = calls;
    }

    /** Whether a view parameter names a saved view (rather than a built-in one, or nothing this service issued). */
    public static boolean isSavedViewId(String id) {
        return id != null && SAVED_ID.matcher(id).matches();
    }

    public Uni<ViewList> list(Caller caller) {
        return calls.bounded(views.readableBy(caller.accountId(), caller.userId())).map(found -> {
            List<ViewDetails> items = new ArrayList<>();
            Arrays.stream(BuiltInView.values()).map(SavedViewService::builtIn).forEach(items::add);
            found.stream().filter(v -> v.ownerId.equals(caller.userId())).map(v -> details(v, caller))
                    .forEach(items::add);
            found.stream().filter(v -> !v.ownerId.equals(caller.userId())).map(v -> details(v, caller))
                    .forEach(items::add);
            return new ViewList(items);
        });
    }

    public Uni<ViewDetails> get(Caller caller, String id) {
        BuiltInView builtIn = BuiltInView.byId(id).orElse(null);
        if (builtIn != null) {
            return Uni.createFrom().item(builtIn(builtIn));
        }
        UUID viewId = savedId(id);
        return calls.bounded(views.findById(viewId)).map(view -> details(readable(view, caller, id), caller));
    }

    public Uni<ViewDetails> create(Caller caller, ViewInput input) {
        if (input != null && input.version() != null) {
            throw ProblemException.badRequest("version", "is the service's; send it with PUT only");
        }
        Checked checked = check(input);
        return changing(Panache.withTransaction(() -> checkRoomFor(caller).chain(() -> checkName(caller,
                checked.name(), null)).chain(() -> {
                    SavedView view = new SavedView();
                    view.id = UUID.randomUUID();
                    view.accountId = caller.accountId();
                    view.ownerId = caller.userId();
                    view.createdAt = Instant.now();
                    return persist(apply(view, checked, caller));
                })), caller);
    }

    public Uni<ViewDetails> update(Caller caller, String id, ViewInput input) {
        refuseBuiltIn(id, "changed");
        UUID viewId = savedId(id);
        Checked checked = check(input);
        if (input.version() == null) {
            throw ProblemException.badRequest("version", "is required: the version of the view as read");
        }
        return changing(Panache.withTransaction(() -> views.findById(viewId).chain(found -> {
            SavedView view = owned(readable(found, caller, id), caller, "changed");
            if (view.version != input.version()) {
                throw conflict("version", "The view was changed since version " + input.version()
                        + " was read (it is at version " + view.version + "); read it again");
            }
            return checkName(caller, checked.name(), view.id).chain(() -> {
                apply(view, checked, caller);
                return views.flush().replaceWith(view);
            });
        })), caller);
    }

    public Uni<Void> delete(Caller caller, String id) {
        refuseBuiltIn(id, "deleted");
        UUID viewId = savedId(id);
        return calls.bounded(Panache.withTransaction(() -> views.findById(viewId)
                .chain(found -> views.delete(owned(readable(found, caller, id), caller, "deleted")))));
    }

    /** A new private view of the caller with the source's filters, columns and sort, named "<name> (copy)". */
    public Uni<ViewDetails> copy(Caller caller, String id) {
        BuiltInView builtIn = BuiltInView.byId(id).orElse(null);
        Uni<Checked> source;
        if (builtIn != null) {
            source = Uni.createFrom().item(new Checked(builtIn.displayName(), builtInFilters(builtIn),
                    SavedView.DEFAULT_COLUMNS, SavedView.Sort.NEWEST, false));
        } else {
            UUID viewId = savedId(id);
            source = views.findById(viewId).map(found -> {
                SavedView view = readable(found, caller, id);
                return new Checked(view.name, filters(view), view.columnList(), view.sort, false);
            });
        }
        return changing(Panache.withTransaction(() -> source.chain(from -> checkRoomFor(caller)
                .chain(() -> views.ownedBy(caller.accountId(), caller.userId())).chain(owned -> {
                    SavedView view = new SavedView();
                    view.id = UUID.randomUUID();
                    view.accountId = caller.accountId();
                    view.ownerId = caller.userId();
                    view.createdAt = Instant.now();
                    String name = copyName(from.name(), owned.stream().map(v -> v.name.toLowerCase(Locale.ROOT))
                            .collect(java.util.stream.Collectors.toSet()));
                    return persist(apply(view, new Checked(name, from.filters(), from.columns(), from.sort(), false),
                            caller));
                }))), caller);
    }

    /**
     * The saved view a search or export names, if {@code userId} may use it (own or shared; a service client of the
     * account, {@code userId} null, may use any of the account's views, having been checked with the person's
     * token when the report was asked for). A first page marks it used. Another account's view, or one that does
     * not exist, is a 400 naming the parameter, like any view the log does not know.
     */
    public Uni<Applied> apply(String accountId, String userId, String id, boolean markUsed) {
        UUID viewId = UUID.fromString(id);
        return calls.bounded(Panache.withTransaction(() -> views.findById(viewId).chain(view -> {
            boolean usable = view != null && (userId == null ? view.accountId.equals(accountId)
                    : view.readableBy(accountId, userId));
            if (!usable) {
                throw ProblemException.badRequest("view", "no view " + id + " that you may use in this account");
            }
            Applied applied = new Applied(view.name, filters(view), view.sort == SavedView.Sort.OLDEST);
            return markUsed ? views.markUsed(view.id, Instant.now()).replaceWith(applied)
                    : Uni.createFrom().item(applied);
        })));
    }

    private record Checked(String name, Map<String, Object> filters, List<String> columns, SavedView.Sort sort,
            boolean shared) {
    }

    private Checked check(ViewInput input) {
        if (input == null) {
            throw ProblemException.badRequest("body", "is required");
        }
        List<FieldProblem> problems = new ArrayList<>();
        String name = name(input.name(), problems);
        List<String> columns = columns(input.columns(), problems);
        SavedView.Sort sort = sort(input.sort(), problems);
        Map<String, Object> filters = Map.of();
        try {
            filters = ViewFilters.check(input.filters(), parser, Instant.now());
        } catch (ProblemException e) {
            problems.addAll(e.errors());
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        return new Checked(name, filters, columns, sort, Boolean.TRUE.equals(input.shared()));
    }

    private static String name(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(new FieldProblem("name", "is required"));
            return null;
        }
        String problem = TextInput.singleLineProblem(raw);
        if (problem != null) {
            problems.add(new FieldProblem("name", problem));
            return null;
        }
        String name = raw.strip();
        if (name.length() > SavedView.MAX_NAME) {
            problems.add(new FieldProblem("name", "must be at most " + SavedView.MAX_NAME + " characters"));
            return null;
        }
        return name;
    }

    private static List<String> columns(List<String> raw, List<FieldProblem> problems) {
        if (raw == null) {
            return SavedView.DEFAULT_COLUMNS;
        }
        if (raw.isEmpty()) {
            problems.add(new FieldProblem("columns", "must name at least one column"));
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (String column : raw) {
            if (column == null || !SavedView.COLUMNS.contains(column)) {
                problems.add(new FieldProblem("columns", "unknown column"
                        + (column == null || TextInput.singleLineProblem(column) != null || column.length() > 40 ? ""
                                : " \"" + column + "\"")
                        + "; columns are " + String.join(", ", SavedView.COLUMNS)));
                return null;
            }
            if (!seen.add(column)) {
                problems.add(new FieldProblem("columns", "names " + column + " twice"));
                return null;
            }
        }
        return List.copyOf(raw);
    }

    private static SavedView.Sort sort(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.equals("newest")) {
            return SavedView.Sort.NEWEST;
        }
        if (raw.equals("oldest")) {
            return SavedView.Sort.OLDEST;
        }
        problems.add(new FieldProblem("sort", "must be newest or oldest"));
        return null;
    }

    private SavedView apply(SavedView view, Checked checked, Caller caller) {
        view.ownerName = caller.name();
        view.name = checked.name();
        view.filters = write(checked.filters());
        view.columns = String.join(",", checked.columns());
        view.sort = checked.sort();
        view.shared = checked.shared();
        view.updatedAt = Instant.now();
        return view;
    }

    private Uni<SavedView> persist(SavedView view) {
        return views.persist(view).call(() -> views.flush());
    }

    private Uni<Void> checkRoomFor(Caller caller) {
        return views.countOwned(caller.accountId(), caller.userId()).map(count -> {
            if (count >= SavedView.MAX_PER_OWNER) {
                throw conflict("name", "You have " + SavedView.MAX_PER_OWNER + " saved views, the most one person "
                        + "may keep; delete one first");
            }
            return null;
        });
    }

    private Uni<Void> checkName(Caller caller, String name, UUID except) {
        return views.nameTaken(caller.accountId(), caller.userId(), name, except).map(taken -> {
            if (taken) {
                throw nameTaken(name);
            }
            return null;
        });
    }

    /**
     * A change's answer, and the two conflicts the database decides: a name taken by a change committed in the
     * meantime (the unique index), and a view changed in the meantime (Hibernate's version check).
     */
    private Uni<ViewDetails> changing(Uni<SavedView> change, Caller caller) {
        return calls.bounded(change).onFailure().transform(SavedViewService::conflicts)
                .map(view -> details(view, caller));
    }

    private static Throwable conflicts(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return nameTaken(null);
            }
            String type = t.getClass().getSimpleName();
            if (type.equals("StaleObjectStateException") || type.equals("OptimisticLockException")
                    || type.equals("StaleStateException")) {
                return conflict("version", "The view was changed by another request meanwhile; read it again");
            }
        }
        return failure;
    }

    private static ProblemException nameTaken(String name) {
        return conflict("name", name == null ? "You already have a view of this name"
                : "You already have a view named \"" + name + "\"");
    }

    private static ProblemException conflict(String field, String reason) {
        return new ProblemException(409, "Conflict", field + ": " + reason, List.of(new FieldProblem(field, reason)));
    }

    private static void refuseBuiltIn(String id, String what) {
        if (BuiltInView.byId(id).isPresent()) {
            throw new ProblemException(409, "Conflict", "The built-in view " + id + " cannot be " + what
                    + "; clone it (POST /api/v1/views/" + id + "/clone) and change the copy", List.of());
        }
    }

    private static UUID savedId(String id) {
        if (!isSavedViewId(id)) {
            throw ProblemException.badRequest("id", "must be a built-in view (all-logs, login-history, "
                    + "security-activity) or a saved view's id (a UUID)");
        }
        return UUID.fromString(id);
    }

    private static SavedView readable(SavedView view, Caller caller, String id) {
        if (view == null || !view.readableBy(caller.accountId(), caller.userId())) {
            throw ProblemException.notFound("No view " + id + " in this account");
        }
        return view;
    }

    private static SavedView owned(SavedView view, Caller caller, String what) {
        if (!view.ownerId.equals(caller.userId())) {
            throw ProblemException.forbidden("Only the view's owner (" + view.ownerName + ") can have it " + what
                    + "; clone it to make a view of your own");
        }
        return view;
    }

    /** "<name> (copy)", else "(copy 2)", "(copy 3)", ...: the first the owner has no view of, within 100 characters. */
    static String copyName(String name, Set<String> takenLowerCase) {
        for (int n = 1;; n++) {
            String suffix = n == 1 ? " (copy)" : " (copy " + n + ")";
            String base = name.length() + suffix.length() > SavedView.MAX_NAME
                    ? name.substring(0, SavedView.MAX_NAME - suffix.length()).strip()
                    : name;
            String candidate = base + suffix;
            if (!takenLowerCase.contains(candidate.toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
    }

    private static Map<String, Object> builtInFilters(BuiltInView view) {
        Map<String, Object> filters = new LinkedHashMap<>();
        if (view.category() != null) {
            filters.put("category", List.of(view.category()));
        }
        return filters;
    }

    private static ViewDetails builtIn(BuiltInView view) {
        return new ViewDetails(view.id(), view.displayName(), true, null, false, true, builtInFilters(view),
                SavedView.DEFAULT_COLUMNS, "newest", null, null, null, null);
    }

    private ViewDetails details(SavedView view, Caller caller) {
        return new ViewDetails(view.id.toString(), view.name, false, new ViewOwner(view.ownerId, view.ownerName),
                view.ownerId.equals(caller.userId()), view.shared, filters(view), view.columnList(),
                view.sort.name().toLowerCase(Locale.ROOT), view.lastUsedAt, view.createdAt, view.updatedAt,
                view.version);
    }

    private Map<String, Object> filters(SavedView view) {
        try {
            return json.readValue(view.filters, FILTERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Saved view " + view.id + " holds filters that are not JSON", e);
        }
    }

    private String write(Map<String, Object> filters) {
        try {
            return json.writeValueAsString(filters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Filters could not be written as JSON", e);
        }
    }
}
