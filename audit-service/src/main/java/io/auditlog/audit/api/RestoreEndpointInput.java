package io.auditlog.audit.api;

/** A producer's restore endpoint: where restore requests go and the secret that signs them. */
public record RestoreEndpointInput(String url, String secret) {
}
