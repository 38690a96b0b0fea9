package io.auditlog.audit.domain;

import java.util.List;

/** One category of the log, with the subcategories and actions an event of it may carry. */
public record CategoryDefinition(String code, String label, List<Code> subcategories, List<Code> actions) {

    // Plain loops, not streams: checked for every event ingested, against a dozen codes at most.
    public boolean hasSubcategory(String subcategory) {
        return contains(subcategories, subcategory);
    }

    public boolean hasAction(String action) {
        return contains(actions, action);
    }

    private static boolean contains(List<Code> codes, String code) {
        for (int i = 0; i < codes.size(); i++) {
            if (codes.get(i).code().equals(code)) {
                return true;
            }
        }
        return false;
    }

    public List<String> subcategoryCodes() {
        return subcategories.stream().map(Code::code).toList();
    }

    public List<String> actionCodes() {
        return actions.stream().map(Code::code).toList();
    }
}
