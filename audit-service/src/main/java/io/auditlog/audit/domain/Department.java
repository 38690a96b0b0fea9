package io.auditlog.audit.domain;

/** The vendor department of a staff member who logged into a customer account. */
public enum Department {
    ENGINEERING, ACCOUNT_MANAGEMENT, SERVICES, CUSTOMER_SUPPORT, SALES, PRODUCT_UX
}
