package io.auditlog.export.domain;

/**
 * One file of a finished report (numbered from 1). The signed manifest and the per-row proof are stored beside them
 * under the numbers {@link #MANIFEST} and {@link #PROOF}, which no data file has; their {@code rows} is the size of
 * the tree the manifest is signed under.
 */
public record ExportFile(int number, String name, long rows, long bytes, int chunks) {

    /** The per-row proof file of an NDJSON report. */
    public static final int PROOF = 0;
    /** The signed manifest. */
    public static final int MANIFEST = -1;
}
