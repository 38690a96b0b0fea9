package io.auditlog.audit.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer account whose plan was set explicitly (accounts without a row get the configured plan). */
@Entity
@Table(name = "account", schema = "audit")
public class Account {

    @Id
    @Column(name = "account_id")
    public String accountId;

    @Enumerated(EnumType.STRING)
    public Plan plan;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
