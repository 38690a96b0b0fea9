package io.auditlog.audit.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.auditlog.audit.domain.LogReader;
import io.auditlog.audit.service.IpAddresses;
import io.auditlog.common.input.TextInput;
import io.auditlog.common.tenancy.CallerAccount;
import io.auditlog.common.tenancy.Roles;
import io.auditlog.common.tenancy.UserClaims;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who reads the log, for the AUDIT_LOG event of the read: a person (a super admin's token, which names one account)
 * with their token's name and address and the request's address and user agent. Service clients carry no account
 * and no audit-admin role: they are no readers (null), and their reads write nothing.
 */
@ApplicationScoped
class LogReaders {

    private static final int MAX_USER_AGENT = 512;

    LogReader of(SecurityIdentity identity, CallerAccount caller, HttpServerRequest request) {
        if (!identity.hasRole(Roles.ADMIN) || !(identity.getPrincipal() instanceof JsonWebToken token)
                || caller.claimedAccountId().isEmpty()) {
            return null;
        }
        Object rawEmail = token.getClaim("email");
        String email = caller.email() != null && UserClaims.emailProblem(rawEmail) == null ? caller.email() : null;
        return new LogReader(caller.accountId(), token.getSubject(), PeopleRecorder.displayName(token, email), email,
                ip(request), userAgent(request));
    }

    /** The address the request came from (the proxy's unless the service is told to trust forwarding headers). */
    private static String ip(HttpServerRequest request) {
        if (request == null || request.remoteAddress() == null || request.remoteAddress().hostAddress() == null) {
            return null;
        }
        // canonicalAddress answers null for anything PostgreSQL's inet would refuse (a scoped IPv6 address, say).
        return IpAddresses.canonicalAddress(request.remoteAddress().hostAddress());
    }

    /** The user agent as sent, when it is one line of text a record can hold; cut to a sane length. */
    private static String userAgent(HttpServerRequest request) {
        String agent = request == null ? null : request.getHeader("User-Agent");
        if (agent == null || agent.isBlank() || TextInput.singleLineProblem(agent) != null) {
            return null;
        }
        return agent.length() > MAX_USER_AGENT ? agent.substring(0, MAX_USER_AGENT) : agent;
    }
}
