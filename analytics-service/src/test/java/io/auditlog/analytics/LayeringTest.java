package io.auditlog.analytics;

import io.auditlog.local.testing.ServiceTemplate;
import io.auditlog.local.testing.ServiceTemplateRules;

/**
 * The service template (docs/decisions.md, "Service template and data access"): the platform's one rule set,
 * {@link ServiceTemplate}, with this service's own facts; {@link ServiceTemplateRules} runs a test per rule.
 */
class LayeringTest extends ServiceTemplateRules {

    private static final ServiceTemplate TEMPLATE = ServiceTemplate.of("io.auditlog.analytics")
            .jobPackages("feed", "rollup")
            // The rebuild (RebuildService) is the one use case that steers a job: it clears the rollups under the
            // consumer's lock, so that no page is half applied around it, then wakes the consumer to replay.
            .allowAccess("service", "feed", "the rebuild takes the consumer's lock and wakes the consumer")
            .allowAccess("service", "rollup", "the rebuild counts itself in the rollup metrics");

    @Override
    protected ServiceTemplate template() {
        return TEMPLATE;
    }
}
