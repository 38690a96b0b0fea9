package io.auditlog.audit.service;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.auditlog.audit.domain.LogRead;
import io.auditlog.audit.domain.LogReader;
import io.auditlog.audit.domain.EventFilter;
import io.auditlog.audit.domain.ExportLayout;
import io.auditlog.audit.domain.Plan;
import io.auditlog.audit.domain.StoredEvent;
import io.auditlog.audit.repository.EventCopyRepository;
import io.auditlog.audit.repository.EventQueryRepository;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.report.ReportLayout;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

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
    private static final String LAYOUTS = String.join(", ",
            Arrays.stream(ReportLayout.values()).map(ReportLayout::id).toList());

    private final Pool pool;
    private final EventQueryRepository events;
    private final EventCopyRepository copies;
    private final EventSearchParser parser;
    private final PlanService plans;
    private final EventViewMapper views;
    private final ObjectMapper json;
    private final AtomicInteger streaming = new AtomicInteger();
    private final MeterRegistry metrics;
    private final SavedViewService savedViews;
    private final LogAccessService access;

    EventExportService(Pool pool, EventQueryRepository events, EventCopyRepository copies, EventSearchParser parser,
            PlanService plans, EventViewMapper views, ObjectMapper json, MeterRegistry metrics,
            SavedViewService savedViews, LogAccessService access) {
        this.savedViews = savedViews;
        this.access = access;
        this.pool = pool;
        this.events = events;
        this.copies = copies;
        this.parser = parser;
        this.plans = plans;
        this.views = views;
        this.json = json;
        this.metrics = metrics;
        Gauge.builder("audit.export.streams.active", streaming, AtomicInteger::get)
                .description("Export streams being sent now").register(metrics);
    }

    /**
     * Checks the request (400 naming the parameter, 403 for what the plan does not include) before any row: for
     * {@code userId} of the account, or for a service client of all accounts ({@code userId} null),
     * whose view parameter may name a saved view of the account (a report is always oldest first, whatever the
     * view's sort). A person's export ({@code reader} not null: a super admin streaming the log to themselves, not
     * the export-service's client) is recorded as an AUDIT_LOG EVENTS/EXPORTED event before the first byte; a
     * record that cannot be written fails the export.
     */
    public Uni<Export> prepare(String accountId, String userId, EventSearchParams params, String format,
            String layout) {
        return prepare(accountId, userId, params, format, layout, null);
    }

    public Uni<Export> prepare(String accountId, String userId, EventSearchParams params, String format,
            String layout, LogReader reader) {
        Format chosenFormat = format == null || format.isBlank() ? Format.CSV : parseFormat(format);
        ReportLayout report = layout == null || layout.isBlank() ? ReportLayout.AUDIT
                : ReportLayout.byId(layout).orElseThrow(
                        () -> ProblemException.badRequest("layout", "must be one of " + LAYOUTS));
        if (params.sort() != null) {
            throw ProblemException.badRequest("sort", "is the search's: reports are always oldest first");
        }
        Uni<EventSearch> checked = SavedViewService.isSavedViewId(params.view())
                ? savedViews.apply(accountId, userId, params.view(), userId != null)
                        .map(view -> parser.parse(ViewFilters.narrow(view.name(), view.filters(), params),
                                Instant.now()))
                : Uni.createFrom().item(parser.parse(params, Instant.now()));
        // The person's record is written before the first row and is left out of the rows: the stream shows the
        // log as it was when asked for.
        LogRead read = access.exported(reader, params, chosenFormat.name().toLowerCase(java.util.Locale.ROOT),
                report.id());
        String recordId = read == null ? null : access.newEventId();
        return checked.chain(search -> prepared(accountId, search, chosenFormat, report, recordId))
                .call(export -> access.record(read, recordId));
    }

    private Uni<Export> prepared(String accountId, EventSearch search, Format chosenFormat, ReportLayout report,
            String recordId) {
        EventFilter filter = forReport(search.filter(), report).withoutEvent(recordId);
        return plans.planOf(accountId).map(account -> {
            if (report == ReportLayout.CONTENT && account.plan() != Plan.ENTERPRISE) {
                throw ProblemException.forbidden("Content-log reports need the ENTERPRISE plan");
            }
            return new Export(account, account.plan().narrow(filter), chosenFormat, ExportLayout.of(report));
        });
    }

    public Multi<Buffer> body(Export export) {
        Multi<Buffer> body;
        if (export.format() == Format.NDJSON) {
            body = inReadOnlyTransaction(connection -> events.stream(connection, export.account().accountId(),
                    export.filter(), FETCH))
                    .group().intoLists().of(CHUNK_ROWS)
                    .map(chunk -> Buffer.buffer(ndjson(chunk, export.account().plan())));
        } else {
            body = copies.csv(export.account().accountId(), export.filter(), export.layout());
        }
        String format = export.format().name().toLowerCase(Locale.ROOT);
        return body.onSubscription().invoke(streaming::incrementAndGet)
                .onTermination().invoke((failure, cancelled) -> ended(format,
                        cancelled ? "cancelled" : failure != null ? "failed" : "completed"));
    }

    private void ended(String format, String outcome) {
        streaming.decrementAndGet();
        Counter.builder("audit.export.streams").description("Export streams ended, by format and outcome")
                .tag("format", format).tag("outcome", outcome).register(metrics).increment();
    }

    /**
     * A server-side cursor lives in a transaction: it is opened here, on a connection of its own, and rolled back
     * (nothing was written) when the stream ends, whether it completed, failed or the client went away.
     */
    private Multi<StoredEvent> inReadOnlyTransaction(Function<SqlConnection, Multi<StoredEvent>> reads) {
        return pool.getConnection().toMulti().onItem().transformToMultiAndConcatenate(connection -> connection
                .begin().toMulti().onItem().transformToMultiAndConcatenate(tx -> reads.apply(connection)
                        .onTermination().call(() -> tx.rollback().onFailure().recoverWithNull()))
                .onTermination().call(connection::close));
    }

    private String ndjson(List<StoredEvent> chunk, Plan plan) {
        StringBuilder lines = new StringBuilder(chunk.size() * 512);
        for (StoredEvent event : chunk) {
            try {
                lines.append(json.writeValueAsString(views.toView(event, plan))).append('\n');
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Event " + event.id() + " cannot be written as JSON", e);
            }
        }
        return lines.toString();
    }

    /** The query with the report's fixed filter (ReportLayout) applied over it. */
    private static EventFilter forReport(EventFilter filter, ReportLayout report) {
        EventFilter narrowed = filter;
        if (report.category().isPresent()) {
            String category = report.category().get();
            if (!filter.categories().isEmpty() && !filter.categories().equals(List.of(category))) {
                throw ProblemException.badRequest("category", "layout " + report.id() + " reports only " + category
                        + " events");
            }
            narrowed = narrowed.withCategories(List.of(category));
        }
        if (report.actorType().isPresent()) {
            narrowed = narrowed.withActorTypes(List.of(report.actorType().get()));
        }
        return narrowed;
    }

    private static Format parseFormat(String format) {
        try {
            return Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("format", "must be csv or ndjson");
        }
    }
}
