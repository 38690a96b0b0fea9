package io.auditlog.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.auditlog.audit.domain.Account;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;

@ApplicationScoped
@WithSession
public class AccountRepository implements PanacheRepositoryBase<Account, String> {
}
