package io.auditlog.common.tenancy;

import java.util.regex.Pattern;

import io.auditlog.common.input.TextInput;

/**
 * What the user claims of a token must be for the platform to store and use them. The subject keys rows (settings,
 * notifications, report jobs) and becomes the actor of audit records; the email becomes a mail's recipient. So a
 * subject or email that PostgreSQL cannot store (NUL), that is not one line (a CR/LF in an address would reach an
 * SMTP header), that is longer than OpenID Connect allows (255 for a subject, 254 for an address, RFC 5321), or an
 * email that is not one plain address (a display name, a list, a quoted part would reach the recipients as
 * something else than the one person the token names) makes the token unusable: 401, on every endpoint alike.
 */
public final class UserClaims {

    static final int MAX_SUBJECT = 255;
    static final int MAX_EMAIL = 254;
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>,;:\"()\\[\\]\\\\]+@[^\\s@<>,;:\"()\\[\\]\\\\]+");

    private UserClaims() {
    }

    /** Why {@code subject} (present in the token) is unusable, or null. */
    public static String subjectProblem(String subject) {
        if (subject.isEmpty() || subject.length() > MAX_SUBJECT || TextInput.singleLineProblem(subject) != null) {
            return "The token's subject (sub) claim is not a usable value";
        }
        return null;
    }

    /** Why the email claim's {@code raw} value (present in the token) is unusable, or null. */
    public static String emailProblem(Object raw) {
        String email = raw instanceof jakarta.json.JsonString json ? json.getString()
                : raw instanceof String text ? text : null;
        if (email == null || email.length() > MAX_EMAIL || TextInput.singleLineProblem(email) != null
                || !ADDRESS.matcher(email).matches()) {
            return "The token's email claim is not one plain mail address";
        }
        return null;
    }
}
