package io.auditlog.notify;

import io.auditlog.local.testing.ServiceTemplate;
import io.auditlog.local.testing.ServiceTemplateRules;

/**
 * The service template (docs/decisions.md, "Service template and data access"): the platform's one rule set,
 * {@link ServiceTemplate}, with this service's own facts; {@link ServiceTemplateRules} runs a test per rule.
 */
class LayeringTest extends ServiceTemplateRules {

    private static final ServiceTemplate TEMPLATE = ServiceTemplate.of("io.auditlog.notify")
            .jobPackages("feed", "mail", "maintenance")
            .allowAccess("feed", "mail", "a feed pass that made notifications wakes the outbox sender, so that their"
                    + " mails go out at once rather than at its next poll");

    @Override
    protected ServiceTemplate template() {
        return TEMPLATE;
    }
}
