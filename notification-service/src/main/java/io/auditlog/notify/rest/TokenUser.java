package io.auditlog.notify.rest;

import java.util.List;
import java.util.regex.Pattern;

import io.auditlog.common.input.TextInput;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.common.tenancy.CallerAccount;

/**
 * The caller as this service stores them: their account, user id and mail address, all from the token. The user id
 * and the address key and fill rows (settings, notifications, outbox mails), so a token whose subject or email
 * PostgreSQL cannot store (NUL), that is not one line (a CR/LF in a mail address would reach an SMTP header), or
 * that is longer than OpenID Connect allows (255 for a subject, 254 for an address, RFC 5321) is refused with 401
 * on every endpoint, like any other unusable token, rather than failing in the database with a 500. The address
 * must also be one plain address: a display name, a list or a quoted part ({@code a@b.example, c@d.example}) would
 * reach the mail's recipients as something else than the one person the token names.
 */
record TokenUser(String accountId, String userId, String email) {

    static final int MAX_SUBJECT = 255;
    static final int MAX_EMAIL = 254;
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>,;:\"()\\[\\]\\\\]+@[^\\s@<>,;:\"()\\[\\]\\\\]+");

    /** The caller's account (CallerAccount's rules), user id and address (null when the token has none); or 401. */
    static TokenUser of(CallerAccount caller) {
        String account = caller.accountId();
        String subject = caller.userId();
        if (subject == null || subject.isEmpty() || subject.length() > MAX_SUBJECT
                || TextInput.singleLineProblem(subject) != null) {
            throw unusable("subject (sub)");
        }
        String email = caller.email();
        if (email != null && (email.length() > MAX_EMAIL || TextInput.singleLineProblem(email) != null
                || !ADDRESS.matcher(email).matches())) {
            throw unusable("email");
        }
        return new TokenUser(account, subject, email);
    }

    private static ProblemException unusable(String claim) {
        return new ProblemException(401, "Unauthorized", "The token's " + claim + " claim is not a usable value",
                List.of());
    }
}
