package io.auditlog.export.domain;

/** One file of a finished report (numbered from 1). */
public record ExportFile(int number, String name, long rows, long bytes, int chunks) {
}
