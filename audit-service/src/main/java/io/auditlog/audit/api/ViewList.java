package io.auditlog.audit.api;

import java.util.List;

/** The views a person may use: built-in first, then their own, then those others shared, each by name. */
public record ViewList(List<ViewDetails> items) {
}
