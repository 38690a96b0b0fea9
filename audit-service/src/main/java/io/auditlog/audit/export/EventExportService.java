package io.auditlog.audit.export;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.domain.EventFilter;
import io.auditlog.audit.domain.Plan;
import io.auditlog.audit.repository.EventCopyRepository;
import io.auditlog.audit.repository.EventQueryRepository;
import io.auditlog.audit.rest.EventViewMapper;
import io.auditlog.audit.service.AccountPlan;
import io.auditlog.audit.service.EventQueryService;
import io.auditlog.audit.service.EventSearch;
import io.auditlog.audit.service.EventSearchParams;
import io.auditlog.audit.service.EventSearchParser;
import io.auditlog.audit.service.PlanService;
import io.auditlog.common.input.TextInput;
import io.auditlog.common.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;

/**
 * Streams an account's events matching a log query as CSV or NDJSON, oldest first, in chunks of a few hundred
 * rows: the body the export-service turns into report files, and what a console can download directly.
 */
@ApplicationScoped
public class EventExportService {

    public enum Format {
        CSV, NDJSON
    }

    /** A checked export request, and the account's plan it runs under. */
    public record Export(AccountPlan account, EventFilter filter, Format format, ExportLayout layout) {
    }

    private static final int FETCH = 1000;
    private static final int CHUNK_ROWS = 500;

    private final EventQueryRepository events;
    private final EventCopyRepository copies;
    private final EventSearchParser parser;
    private final PlanService plans;
    private final EventViewMapper views;
    private final ObjectMapper json;

    EventExportService(EventQueryRepository events, EventCopyRepository copies, EventSearchParser parser,
            PlanService plans, EventViewMapper views, ObjectMapper json) {
        this.events = events;
        this.copies = copies;
        this.parser = parser;
        this.plans = plans;
        this.views = views;
        this.json = json;
    }

    /** Checks the request (400 naming the parameter, 403 for what the plan does not include) before any row. */
    public Uni<Export> prepare(String accountId, EventSearchParams params, String format, String layout) {
        Format chosenFormat = format == null || format.isBlank() ? Format.CSV : parseFormat(format);
        ExportLayout chosenLayout = layout == null || layout.isBlank() ? ExportLayout.AUDIT
                : ExportLayout.byId(layout).orElseThrow(() -> ProblemException.badRequest("layout",
                        "must be one of audit, content, staff-access"));
        EventSearch search = parser.parse(params, Instant.now());
        EventFilter filter = forLayout(search.filter(), chosenLayout);
        return plans.planOf(accountId).map(account -> {
            if (chosenLayout == ExportLayout.CONTENT && account.plan() != Plan.ENTERPRISE) {
                throw ProblemException.forbidden("Content-log reports need the ENTERPRISE plan");
            }
            return new Export(account, EventQueryService.withinPlan(account.plan(), filter), chosenFormat,
                    chosenLayout);
        });
    }

    public Multi<Buffer> body(Export export) {
        if (export.format() == Format.NDJSON) {
            return events.stream(export.account().accountId(), export.filter(), FETCH).group().intoLists()
                    .of(CHUNK_ROWS).map(chunk -> Buffer.buffer(ndjson(chunk, export.account().plan())));
        }
        byte[] header = CsvRows.format(List.of(export.layout().header())).getBytes(StandardCharsets.UTF_8);
        return copies.csv(export.account().accountId(), export.filter(), CopyColumns.of(export.layout()), header);
    }

    private String ndjson(List<io.auditlog.audit.domain.StoredEvent> chunk, Plan plan) {
        StringBuilder lines = new StringBuilder(chunk.size() * 512);
        for (var event : chunk) {
            try {
                lines.append(json.writeValueAsString(views.toView(event, plan))).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Event " + event.id() + " cannot be written as JSON", e);
            }
        }
        return lines.toString();
    }

    private static EventFilter forLayout(EventFilter filter, ExportLayout layout) {
        if (layout.category() == null) {
            return filter;
        }
        if (!filter.categories().isEmpty() && !filter.categories().equals(List.of(layout.category()))) {
            throw ProblemException.badRequest("category", "layout " + layout.id() + " reports only "
                    + layout.category() + " events");
        }
        EventFilter narrowed = filter.withCategories(List.of(layout.category()));
        if (layout == ExportLayout.STAFF_ACCESS) {
            narrowed = new EventFilter(narrowed.from(), narrowed.to(), narrowed.categories(), narrowed.subcategories(),
                    narrowed.actions(), narrowed.actors(), List.of("STAFF"), narrowed.teams(), narrowed.objectTypes(),
                    narrowed.objectIds(), narrowed.ips(), narrowed.text());
        }
        return narrowed;
    }

    private static Format parseFormat(String format) {
        try {
            if (TextInput.singleLineProblem(format) == null) { // else trim() would take "csv\u0000" for csv
                return Format.valueOf(format.trim().toUpperCase(java.util.Locale.ROOT));
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.badRequest("format", "must be csv or ndjson");
    }
}
