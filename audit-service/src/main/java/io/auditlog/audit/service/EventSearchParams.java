package io.auditlog.audit.service;

import java.util.List;

/** The query parameters of GET /api/v1/events as sent, before they are checked. */
public record EventSearchParams(String view, String from, String to, List<String> category, List<String> subcategory,
        List<String> action, List<String> actor, List<String> actorType, List<String> team, List<String> objectType, List<String> objectId,
        List<String> ip, String q, String limit, String cursor, String hasComments) {
}
