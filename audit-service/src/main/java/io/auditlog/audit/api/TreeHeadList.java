package io.auditlog.audit.api;

import java.util.List;

/** The account's signed tree heads, newest first. */
public record TreeHeadList(List<TreeHeadView> items) {
}
