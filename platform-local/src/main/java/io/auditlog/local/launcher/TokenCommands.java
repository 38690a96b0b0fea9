package io.auditlog.local.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.auditlog.local.identity.LocalIdentity;
import io.auditlog.local.keycloak.LocalRealm;

/** The launcher's {@code token} and {@code local-token} commands: a token printed for scripts and curl. */
final class TokenCommands {

    /** Lifetime of the local test issuer's tokens (local-token). */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private TokenCommands() {
    }

    /** A fresh token from the running Keycloak, for a person (password grant) or a client (client credentials). */
    static void printToken(Path root, String[] args) throws Exception {
        if (args.length < 2) {
            Launcher.fail("Usage: token ROLE [ACCOUNT]   (audit-admin and audit-ingest of account demo or acme; audit-feed, "
                    + "audit-export, platform-operator)");
        }
        String role = args[1];
        String account = args.length > 2 ? args[2] : Launcher.DEMO_ACCOUNT;
        LocalRealm realm = LocalRealm.load(root, "http://localhost:" + Launcher.KEYCLOAK_PORT);
        String person = account + "-admin";
        String ingest = account + "-ingest";
        if ("audit-admin".equals(role) && !realm.hasUser(person)) {
            Launcher.fail("The realm has no super admin of account " + account + " (a user " + person + ")");
        }
        if ("audit-ingest".equals(role) && !realm.hasClient(ingest)) {
            Launcher.fail("The realm has no ingest client of account " + account + " (a client " + ingest + ")");
        }
        try {
            System.out.println(switch (role) {
                case "audit-admin" -> realm.personToken(person);
                case "audit-ingest" -> realm.clientToken(ingest);
                case "audit-feed" -> realm.clientToken("notification-service");
                case "audit-export" -> realm.clientToken("export-service");
                case "platform-operator" -> realm.clientToken("platform-operator");
                default -> throw new IllegalArgumentException("Unknown role " + role
                        + ": audit-admin, audit-ingest, audit-feed, audit-export, platform-operator");
            });
        } catch (IOException | IllegalArgumentException e) {
            Launcher.fail(e.getMessage());
        }
    }

    /**
     * A token of the local test issuer (the key in .local/identity), with any roles and account: for scripts that
     * run services trusting that key instead of Keycloak (.ci/reliability-export-kill.sh).
     */
    static void printLocalToken(Path state, String[] args) {
        if (args.length < 2) {
            Launcher.fail("Usage: local-token ROLE[,ROLE...] [ACCOUNT|-]   (roles: audit-admin, audit-ingest, audit-feed, "
                    + "audit-export, platform-operator; - for no account)");
        }
        List<String> roles = List.of(args[1].split(","));
        boolean service = roles.stream().anyMatch(List.of("audit-feed", "audit-export", "platform-operator")::contains);
        String account = args.length > 2 ? ("-".equals(args[2]) ? null : args[2]) : (service ? null : Launcher.DEMO_ACCOUNT);
        LocalIdentity identity = LocalIdentity.inDirectory(state.resolve("identity"));
        System.out.println(identity.token(String.join("+", roles) + "-" + (account == null ? "service" : account),
                account, roles, TOKEN_LIFETIME));
    }
}
