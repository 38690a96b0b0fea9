package io.auditlog.common.problem;

/** The page-size parameter every list and feed takes: a whole number within bounds, else a 400 naming it. */
public final class PageLimits {

    private PageLimits() {
    }

    public static int parse(String raw, String parameter, int defaultLimit, int maxLimit) {
        if (raw == null || raw.isBlank()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(parameter, "must be a whole number from 1 to " + maxLimit);
    }
}
