package io.auditlog.audit.service;

import io.smallrye.mutiny.Uni;

/**
 * Database work that runs to its end even when its caller stops waiting. DatabaseCalls.bounded fails a request
 * after the timeout by cancelling the Uni it bounds; for Hibernate Reactive that cancellation arrives on the
 * timer's thread, where the session refuses to close (HR000069), and the connection stays "idle in transaction"
 * with its locks held until the server ends it. Detached, the work finishes (commits or rolls back and closes its
 * session on its own thread) and only its late answer is dropped, as DatabaseCalls promises.
 */
final class DetachedWork {

    private DetachedWork() {
    }

    static <T> Uni<T> detached(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }
}
