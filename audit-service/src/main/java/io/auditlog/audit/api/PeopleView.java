package io.auditlog.audit.api;

import java.util.List;

/** The account's super admins matching a search, by name. */
public record PeopleView(List<PersonView> items) {
}
