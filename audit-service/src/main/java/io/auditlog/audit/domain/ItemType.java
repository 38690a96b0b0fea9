package io.auditlog.audit.domain;

/** The kind of a file-storage (content) item. */
public enum ItemType {
    FOLDER, FILE, LIBRARY
}
