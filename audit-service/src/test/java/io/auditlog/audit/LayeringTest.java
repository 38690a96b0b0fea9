package io.auditlog.audit;

import io.auditlog.audit.repository.EventCopyRepository;
import io.auditlog.local.testing.ServiceTemplate;
import io.auditlog.local.testing.ServiceTemplateRules;

/**
 * The service template (docs/decisions.md, "Service template and data access"): the platform's one rule set,
 * {@link ServiceTemplate}, with this service's own facts; {@link ServiceTemplateRules} runs a test per rule.
 */
class LayeringTest extends ServiceTemplateRules {

    private static final ServiceTemplate TEMPLATE = ServiceTemplate.of("io.auditlog.audit")
            .jobPackages("feed", "maintenance", "restore", "seal")
            .jdbcClasses(EventCopyRepository.class);

    @Override
    protected ServiceTemplate template() {
        return TEMPLATE;
    }
}
