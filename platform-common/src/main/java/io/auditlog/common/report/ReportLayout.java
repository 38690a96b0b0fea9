package io.auditlog.common.report;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reports the platform produces, each with the log filter it fixes: the content log is the CONTENT category,
 * the staff-access report the LOGIN category by STAFF actors. The audit-service streams the rows and the
 * export-service asks for them; both read the rule here, so the two cannot disagree about what a report holds.
 */
public enum ReportLayout {

    AUDIT("audit", Map.of()),
    CONTENT("content", Map.of("category", List.of("CONTENT"))),
    STAFF_ACCESS("staff-access", orderedOf("category", List.of("LOGIN"), "actorType", List.of("STAFF")));

    private final String id;
    private final Map<String, List<String>> fixedFilter;

    ReportLayout(String id, Map<String, List<String>> fixedFilter) {
        this.id = id;
        this.fixedFilter = fixedFilter;
    }

    /** The layout's name in the audit-service's export API ({@code layout=}). */
    public String id() {
        return id;
    }

    /** The log filter parameters (as the log's query names them) this report always applies, over any given. */
    public Map<String, List<String>> fixedFilter() {
        return fixedFilter;
    }

    /** The one category the report covers, or empty for all. */
    public Optional<String> category() {
        return Optional.ofNullable(fixedFilter.get("category")).map(values -> values.get(0));
    }

    /** The one actor type the report covers, or empty for all. */
    public Optional<String> actorType() {
        return Optional.ofNullable(fixedFilter.get("actorType")).map(values -> values.get(0));
    }

    /** {@code query} with this report's fixed filter applied over it. */
    public Map<String, List<String>> narrow(Map<String, List<String>> query) {
        Map<String, List<String>> narrowed = new LinkedHashMap<>(query);
        narrowed.putAll(fixedFilter);
        return narrowed;
    }

    public static Optional<ReportLayout> byId(String id) {
        return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
    }

    private static Map<String, List<String>> orderedOf(String k1, List<String> v1, String k2, List<String> v2) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return Collections.unmodifiableMap(map);
    }
}
