-- Restore from the log (docs/architecture.md, "Restore from the log"). V8 and V9 belong to other parts.

-- Per account, where the producer that owns the records takes restore requests. The shared secret must be usable
-- for signing, so it is encrypted (AES-256-GCM), not hashed; key_id names the key that encrypted it, so the key
-- can be rotated while older rows stay readable.
CREATE TABLE restore_endpoint (
    account_id    text COLLATE "C" PRIMARY KEY,
    url           text        NOT NULL,
    secret_cipher bytea       NOT NULL,
    secret_nonce  bytea       NOT NULL,
    key_id        text        NOT NULL,
    updated_at    timestamptz NOT NULL,
    secret_set_at timestamptz NOT NULL
);

-- One restore asked for one deletion event. The PENDING rows are the delivery job's queue: a replica claims due rows
-- (FOR UPDATE SKIP LOCKED) by setting a lease; a killed replica's lease runs out and another replica takes the row.
CREATE TABLE restore (
    restore_id         uuid        PRIMARY KEY,
    account_id         text COLLATE "C" NOT NULL,
    deletion_event_id  text COLLATE "C" NOT NULL,
    -- The request body sent to the producer, fixed when asked so every attempt carries the same body.
    payload            text        NOT NULL,
    requested_by_id    text        NOT NULL,
    requested_by_name  text        NOT NULL,
    requested_at       timestamptz NOT NULL,
    state              text        NOT NULL CHECK (state IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts           integer     NOT NULL DEFAULT 0,
    last_attempt_at    timestamptz,
    next_attempt_at    timestamptz NOT NULL,
    completed_at       timestamptz,
    last_error         text,
    lease_owner        text,
    lease_until        timestamptz,
    request_event_id   text COLLATE "C" NOT NULL,
    outcome_event_id   text COLLATE "C",
    CHECK ((state = 'PENDING') = (completed_at IS NULL))
);
-- At most one pending restore per deletion: of two simultaneous requests, the second's INSERT fails here.
CREATE UNIQUE INDEX restore_one_pending ON restore (account_id, deletion_event_id) WHERE state = 'PENDING';
CREATE INDEX restore_of_event ON restore (account_id, deletion_event_id, requested_at DESC);
CREATE INDEX restore_due ON restore (next_attempt_at) WHERE state = 'PENDING';
