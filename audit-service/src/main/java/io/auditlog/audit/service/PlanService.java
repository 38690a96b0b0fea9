package io.auditlog.audit.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.config.AuditConfig;
import io.auditlog.audit.domain.Account;
import io.auditlog.audit.domain.Plan;
import io.auditlog.audit.repository.AccountRepository;
import io.auditlog.common.database.DatabaseCalls;
import io.quarkus.cache.CacheInvalidate;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Which plan an account is on. A plan fixed in configuration wins; otherwise the one an operator set, otherwise
 * the configured default. Every query asks, so answers are cached briefly (quarkus.cache.caffeine."account-plans");
 * a change made here is seen at once here, and by other replicas within the cache's lifetime.
 */
@ApplicationScoped
public class PlanService {

    static final String CACHE = "account-plans";

    private final AccountRepository accounts;
    private final AuditConfig config;
    private final DatabaseCalls calls;

    PlanService(AccountRepository accounts, AuditConfig config, DatabaseCalls calls) {
        this.accounts = accounts;
        this.config = config;
        this.calls = calls;
    }

    /**
     * The repository opens its own session (or joins the caller's); the bound covers getting the connection too,
     * which an @WithSession here would do before the bounded part starts.
     */
    @CacheResult(cacheName = CACHE)
    public Uni<AccountPlan> planOf(String accountId) {
        Plan fixed = config.plans().accounts().get(accountId);
        if (fixed != null) {
            return Uni.createFrom().item(new AccountPlan(accountId, fixed, "CONFIGURATION"));
        }
        return calls.bounded(DetachedWork.detached(accounts.findById(accountId))).map(account -> account == null
                ? new AccountPlan(accountId, config.plans().defaultPlan(), "DEFAULT")
                : new AccountPlan(accountId, account.plan, "ACCOUNT"));
    }

    /** Programmatic rather than @WithTransaction, so that beginning the transaction is bounded in time as well. */
    @CacheInvalidate(cacheName = CACHE)
    public Uni<AccountPlan> setPlan(@CacheKey String accountId, Plan plan) {
        return calls.bounded(DetachedWork.detached(Panache.withTransaction(() -> store(accountId, plan)
                .chain(saved -> planOf(accountId)))));
    }

    private Uni<Account> store(String accountId, Plan plan) {
        return accounts.findById(accountId).chain(existing -> {
            Account account = existing != null ? existing : new Account();
            account.accountId = accountId;
            account.plan = plan;
            account.updatedAt = Instant.now();
            return existing != null ? Uni.createFrom().item(account) : accounts.persist(account);
        });
    }
}
