package io.auditlog.common.problem;

/** The page-size parameter every list and feed takes: a whole number within bounds, else a 400 naming it. */
public final class PageLimits {

    private PageLimits() {
    }

    public static int parse(String raw, String parameter, int defaultLimit, int maxLimit) {
        if (raw == null || raw.isBlank()) {
            return defaultLimit;
        }
        // ASCII digits only: Integer.parseInt also takes "+5" and other scripts' digits, which no client means
        String digits = raw.trim();
        if (digits.length() <= 9 && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int limit = Integer.parseInt(digits);
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        }
        throw ProblemException.badRequest(parameter, "must be a whole number from 1 to " + maxLimit);
    }
}
