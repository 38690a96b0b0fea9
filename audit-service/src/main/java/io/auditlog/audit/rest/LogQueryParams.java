package io.auditlog.audit.rest;

import java.util.List;

import org.jboss.resteasy.reactive.RestQuery;

import io.auditlog.audit.service.EventSearchParams;

/** The log query parameters shared by the search and the export of events (docs/architecture.md). */
public class LogQueryParams {

    @RestQuery
    public String view;
    @RestQuery
    public String from;
    @RestQuery
    public String to;
    @RestQuery
    public List<String> category;
    @RestQuery
    public List<String> subcategory;
    @RestQuery
    public List<String> action;
    @RestQuery
    public List<String> actor;
    @RestQuery
    public List<String> actorType;
    @RestQuery
    public List<String> team;
    @RestQuery
    public List<String> objectType;
    @RestQuery
    public List<String> objectId;
    @RestQuery
    public List<String> ip;
    @RestQuery
    public String q;
    @RestQuery
    public String hasComments;
    @RestQuery
    public String limit;
    @RestQuery
    public String cursor;
    /** newest (the default) or oldest first; the search's only, a saved view's sort otherwise. */
    @RestQuery
    public String sort;

    EventSearchParams toSearchParams() {
        return new EventSearchParams(view, from, to, category, subcategory, action, actor, actorType, team, objectType,
                objectId, ip, q, limit, cursor, sort, hasComments);
    }
}
