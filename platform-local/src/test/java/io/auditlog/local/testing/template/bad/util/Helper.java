package io.auditlog.local.testing.template.bad.util;

/** Breaks rule 1: util is no package of the template. */
public class Helper {
}
