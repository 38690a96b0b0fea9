package io.auditlog.common.tenancy;

import java.util.Optional;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Reads the account claim exactly as the provider wrote it. Nothing is trimmed, unquoted or case-folded: a claim
 * that is not already a valid account id is a wrong token, not a spelling of another account. (Stripping quotes once
 * let {@code "acct-a"} and {@code acct-a"} read account {@code acct-a}.)
 */
public final class AccountClaims {

    private AccountClaims() {
    }

    /** The claim as read: absent, a valid account id, or invalid (with why). */
    public record Claim(Optional<String> accountId, String problem) {

        static Claim absent() {
            return new Claim(Optional.empty(), null);
        }

        public boolean isInvalid() {
            return problem != null;
        }
    }

    public static Claim read(JsonWebToken token, String claimName) {
        if (!token.containsClaim(claimName)) {
            return Claim.absent();
        }
        Object raw = token.getClaim(claimName);
        String value;
        if (raw instanceof JsonString json) {
            value = json.getString();
        } else if (raw instanceof String text) {
            value = text;
        } else if (raw == null || raw == JsonValue.NULL) {
            return Claim.absent();
        } else {
            return new Claim(Optional.empty(), "The token's " + claimName + " claim is not a string");
        }
        if (!AccountIds.isValid(value)) {
            return new Claim(Optional.empty(),
                    "The token's " + claimName + " claim is not a valid account id (" + AccountIds.RULE + ")");
        }
        return new Claim(Optional.of(value), null);
    }
}
