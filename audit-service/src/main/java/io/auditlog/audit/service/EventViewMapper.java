package io.auditlog.audit.service;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.api.ContextView;
import io.auditlog.audit.api.EventLinks;
import io.auditlog.audit.api.EventView;
import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.EventContext;
import io.auditlog.audit.domain.Plan;
import io.auditlog.audit.domain.StoredEvent;

/** Maps stored events to their API form, showing the metadata only to plans that include it. */
@ApplicationScoped
public class EventViewMapper {

    private final String objectUrlTemplate;

    EventViewMapper(AuditConfig config) {
        this.objectUrlTemplate = config.links().objectUrlTemplate();
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
        return objectUrlTemplate.replace("{type}", encode(e.object().type())).replace("{id}", encode(e.object().id()));
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
