-- The export schema: report jobs, their files (stored in chunks) and the durable "export ready" records.
-- Flyway runs this inside schema "export" (quarkus.flyway.schemas).

CREATE TABLE job (
    id              uuid        PRIMARY KEY,
    account_id      text        COLLATE "C" NOT NULL,
    requested_by    text        NOT NULL,
    requester_email text,
    type            text        NOT NULL CHECK (type IN ('AUDIT_LOG', 'CONTENT_LOG', 'STAFF_ACCESS')),
    format          text        NOT NULL CHECK (format IN ('CSV', 'NDJSON')),
    query           jsonb       NOT NULL,
    from_ts         timestamptz NOT NULL,
    to_ts           timestamptz NOT NULL,
    time_zone       text        NOT NULL,
    status          text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'EXPIRED')),
    -- Each claim of the job is a new attempt; files are written under it, and only the attempt that still owns
    -- the job may complete it (a worker presumed dead cannot overwrite its successor's result).
    attempt         integer     NOT NULL DEFAULT 0,
    rows_written    bigint      NOT NULL DEFAULT 0,
    files_written   integer     NOT NULL DEFAULT 0,
    failure         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz,
    heartbeat_at    timestamptz,
    completed_at    timestamptz,
    expires_at      timestamptz
);
-- The list of an account's jobs, newest first.
CREATE INDEX job_account_created ON job (account_id, created_at DESC);
-- Workers look only at jobs that are waiting or running (to find ones whose worker died).
CREATE INDEX job_open ON job (created_at) WHERE status IN ('QUEUED', 'RUNNING');
-- The retention purge looks only at completed jobs.
CREATE INDEX job_expiring ON job (expires_at) WHERE status = 'COMPLETED';

CREATE TABLE file (
    job_id   uuid    NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    attempt  integer NOT NULL,
    file_no  integer NOT NULL,
    name     text    NOT NULL,
    rows     bigint  NOT NULL DEFAULT 0,
    bytes    bigint  NOT NULL DEFAULT 0,
    chunks   integer NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, attempt, file_no)
);

-- File contents in chunks of about a megabyte, so that neither writing nor downloading holds a whole file.
CREATE TABLE file_chunk (
    job_id   uuid    NOT NULL,
    attempt  integer NOT NULL,
    file_no  integer NOT NULL,
    chunk_no integer NOT NULL,
    data     bytea   NOT NULL,
    PRIMARY KEY (job_id, attempt, file_no, chunk_no),
    FOREIGN KEY (job_id, attempt, file_no) REFERENCES file (job_id, attempt, file_no) ON DELETE CASCADE
);

-- The durable "export ready" record the notification-service reads (NOTIFY export_ready only rings the bell).
CREATE TABLE export_ready (
    seq             bigserial   PRIMARY KEY,
    job_id          uuid        NOT NULL UNIQUE,
    account_id      text        COLLATE "C" NOT NULL,
    requested_by    text        NOT NULL,
    requester_email text,
    created_at      timestamptz NOT NULL DEFAULT now()
);
