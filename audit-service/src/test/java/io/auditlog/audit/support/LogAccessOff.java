package io.auditlog.audit.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with people's reads of the log not recorded (audit.log-access.enabled=false), for tests that count an
 * account's events exactly while reading them with a super admin's token: every such read would add the log's own
 * AUDIT_LOG record to the account (docs/architecture.md, "Who looked at the log").
 */
public class LogAccessOff implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("audit.log-access.enabled", "false");
    }
}
