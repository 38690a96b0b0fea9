package io.auditlog.notify.service;

import java.util.ArrayList;
import java.util.List;

import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.auditlog.notify.api.NotificationSettings;

/** What a settings document must hold: every switch and the threshold, so a PUT never half-changes settings. */
public final class SettingsRules {

    public static final int MAX_THRESHOLD = 100_000;

    private SettingsRules() {
    }

    public static void check(NotificationSettings settings, String tokenEmail) {
        if (settings == null) {
            throw ProblemException.badRequest("body", "must be the settings document");
        }
        List<FieldProblem> problems = new ArrayList<>();
        if (settings.alerts() == null) {
            problems.add(new FieldProblem("alerts", "is required"));
        } else {
            required(problems, "alerts.multipleExports", settings.alerts().multipleExports());
            required(problems, "alerts.adminPermissionRemoved", settings.alerts().adminPermissionRemoved());
        }
        if (settings.mail() == null) {
            problems.add(new FieldProblem("mail", "is required"));
        } else {
            required(problems, "mail.exportReady", settings.mail().exportReady());
            required(problems, "mail.mentions", settings.mail().mentions());
        }
        Integer threshold = settings.multipleExportsThreshold();
        if (threshold == null) {
            problems.add(new FieldProblem("multipleExportsThreshold", "is required"));
        } else if (threshold < 1 || threshold > MAX_THRESHOLD) {
            problems.add(new FieldProblem("multipleExportsThreshold", "must be between 1 and " + MAX_THRESHOLD));
        }
        if (settings.email() != null && !settings.email().equals(tokenEmail)) {
            problems.add(new FieldProblem("email", "comes from your sign-in and cannot be changed here"));
        }
        boolean subscribes = settings.alerts() != null && (Boolean.TRUE.equals(settings.alerts().multipleExports())
                || Boolean.TRUE.equals(settings.alerts().adminPermissionRemoved()));
        if (subscribes && (tokenEmail == null || tokenEmail.isBlank())) {
            problems.add(new FieldProblem("alerts", "need an email address, and your token carries none"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    private static void required(List<FieldProblem> problems, String field, Boolean value) {
        if (value == null) {
            problems.add(new FieldProblem(field, "is required (true or false)"));
        }
    }
}
