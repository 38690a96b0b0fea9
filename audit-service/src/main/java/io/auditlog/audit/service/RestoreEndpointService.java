package io.auditlog.audit.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.api.RestoreEndpointInput;
import io.auditlog.audit.api.RestoreEndpointView;
import io.auditlog.audit.domain.RestoreEndpoint;
import io.auditlog.audit.repository.RestoreRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.auditlog.common.problem.FieldProblem;
import io.auditlog.common.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/** A producer's restore endpoint for its account: registered, read and removed by the ingest client. */
@ApplicationScoped
public class RestoreEndpointService {

    static final int MIN_SECRET = 32;
    static final int MAX_SECRET = 256;

    private final Pool pool;
    private final RestoreRepository restores;
    private final SecretCipher cipher;
    private final RestoreUrls urls;
    private final DatabaseCalls calls;

    RestoreEndpointService(Pool pool, RestoreRepository restores, SecretCipher cipher, RestoreUrls urls,
            DatabaseCalls calls) {
        this.pool = pool;
        this.restores = restores;
        this.cipher = cipher;
        this.urls = urls;
        this.calls = calls;
    }

    public Uni<RestoreEndpointView> register(String accountId, RestoreEndpointInput input) {
        if (input == null) {
            throw ProblemException.badRequest("body", "is required: {\"url\": ..., \"secret\": ...}");
        }
        List<FieldProblem> problems = new ArrayList<>();
        FieldProblem url = urls.problem(input.url());
        if (url != null) {
            problems.add(url);
        }
        String secret = input.secret();
        if (secret == null || secret.length() < MIN_SECRET || secret.length() > MAX_SECRET) {
            problems.add(new FieldProblem("secret", "must be " + MIN_SECRET + " to " + MAX_SECRET + " characters"));
        } else if (secret.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problems.add(new FieldProblem("secret", "must not contain control characters (NUL, line breaks, ...)"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        SecretCipher.Sealed sealed = cipher.seal(accountId, secret);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        RestoreEndpoint endpoint = new RestoreEndpoint(accountId, input.url(), sealed.cipher(), sealed.nonce(),
                sealed.keyId(), now, now);
        return calls.bounded(restores.saveEndpoint(pool, endpoint)).map(RestoreEndpointService::view);
    }

    public Uni<RestoreEndpointView> get(String accountId) {
        return calls.bounded(restores.endpoint(pool, accountId)).map(found -> {
            if (found == null) {
                throw ProblemException.notFound("No restore endpoint is registered for this account");
            }
            return view(found);
        });
    }

    /** Removes the account's endpoint; removing none is no error (a repeated DELETE answers the same). */
    public Uni<Void> delete(String accountId) {
        return calls.bounded(restores.deleteEndpoint(pool, accountId)).replaceWithVoid();
    }

    private static RestoreEndpointView view(RestoreEndpoint e) {
        return new RestoreEndpointView(e.url(), e.updatedAt(), e.secretSetAt());
    }
}
