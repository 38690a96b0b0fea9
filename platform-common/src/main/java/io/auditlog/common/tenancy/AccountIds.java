package io.auditlog.common.tenancy;

import java.util.regex.Pattern;

/** The shape of an account id where a trusted service client or an operator names one. */
public final class AccountIds {

    public static final String RULE = "1 to 128 of letters, digits and . _ : -";
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private AccountIds() {
    }

    public static boolean isValid(String accountId) {
        return accountId != null && SHAPE.matcher(accountId).matches();
    }
}
