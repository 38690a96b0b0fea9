package io.auditlog.audit.domain;

import java.util.List;

/** One category of the log, with the subcategories and actions an event of it may carry. */
public record CategoryDefinition(String code, String label, List<Code> subcategories, List<Code> actions) {

    public boolean hasSubcategory(String subcategory) {
        return subcategories.stream().anyMatch(c -> c.code().equals(subcategory));
    }

    public boolean hasAction(String action) {
        return actions.stream().anyMatch(c -> c.code().equals(action));
    }

    public List<String> subcategoryCodes() {
        return subcategories.stream().map(Code::code).toList();
    }

    public List<String> actionCodes() {
        return actions.stream().map(Code::code).toList();
    }
}
