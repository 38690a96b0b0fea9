/**
 * Two small services for the template rules' own test ({@code ServiceTemplateTest}): {@code good} keeps every rule
 * (with one declared exception of each kind), {@code bad} breaks each rule once. Never run, only read.
 */
package io.auditlog.local.testing.template;
