package io.auditlog.audit.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.auditlog.audit.api.ContextView;
import io.auditlog.audit.api.EventLinks;
import io.auditlog.audit.api.EventView;
import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.EventContext;
import io.auditlog.audit.domain.Plan;
import io.auditlog.audit.domain.StoredEvent;

/**
 * Maps stored events to their API form, showing the metadata only to plans that include it. A singleton, not
 * application-scoped: it holds nothing that changes, and the feed calls it for every event, where a client proxy's
 * lookup of the instance was a visible share of a page.
 */
@Singleton
public class EventViewMapper {

    private static final String TYPE = "{type}";
    private static final String ID = "{id}";

    /** The object link's template cut at its placeholders: literal text, TYPE or ID (the same string objects). */
    private final List<String> objectUrl;

    EventViewMapper(AuditConfig config) {
        this.objectUrl = segments(config.links().objectUrlTemplate());
    }

    static List<String> segments(String template) {
        List<String> segments = new ArrayList<>();
        int at = 0;
        while (at < template.length()) {
            int type = template.indexOf(TYPE, at);
            int id = template.indexOf(ID, at);
            int next = type < 0 ? id : id < 0 ? type : Math.min(type, id);
            if (next < 0) {
                segments.add(template.substring(at));
                break;
            }
            if (next > at) {
                segments.add(template.substring(at, next));
            }
            String placeholder = next == type ? TYPE : ID;
            segments.add(placeholder);
            at = next + placeholder.length();
        }
        return List.copyOf(segments);
    }

    public EventView toView(StoredEvent e, Plan plan) {
        return new EventView(e.id(), e.accountId(), e.occurredAt(), e.recordedAt(), e.category(), e.subcategory(),
                e.action(), e.actor(), e.object(), context(e.context()), plan.seesDetails() ? e.detailsJson() : null,
                new EventLinks("/api/v1/events/" + encode(e.id()), objectLink(e)));
    }

    private static ContextView context(EventContext c) {
        UserAgents.Parsed agent = UserAgents.parse(c.userAgent());
        return new ContextView(c.ip(), c.userAgent(), c.loginType(), c.country(), c.region(),
                agent == null ? null : agent.browser(), agent == null ? null : agent.os(),
                agent == null ? null : agent.device());
    }

    private String objectLink(StoredEvent e) {
        if (e.object() == null || e.object().type() == null || e.object().id() == null) {
            return null;
        }
        return fill(objectUrl, encode(e.object().type()), encode(e.object().id()));
    }

    /** The template's {@link #segments} with the placeholders filled. */
    static String fill(List<String> segments, String type, String id) {
        StringBuilder link = new StringBuilder(64);
        for (String segment : segments) {
            // TYPE and ID are the constants themselves, so identity tells a placeholder from literal text.
            link.append(segment == TYPE ? type : segment == ID ? id : segment);
        }
        return link.toString();
    }

    /**
     * A path segment. Ids are nearly always letters, digits and {@code -_.*}, which URLEncoder leaves as they are;
     * those are answered without it (it builds a new string for each, twice per event, a thousand events a page).
     */
    static String encode(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '*')) {
                return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
        return value;
    }
}
