-- Who looked at the log: the coalescing keys of the AUDIT_LOG events the service writes for people's reads of the
-- log (docs/architecture.md, "Who looked at the log"). V7 and V9 belong to other parts.
--
-- One row per (account, person, kind of read, what was read): the hash of a search's filters, or of the entry
-- opened. The row names the AUDIT_LOG event last written for it and when. A read writes a new event only when it
-- claims the row: it is new, or its event is older than the coalescing window (a first page of a search; a next
-- page of a search that has a row never writes). The claim is one INSERT ... ON CONFLICT DO UPDATE ... WHERE on
-- the primary key, in the same statement as the event it writes, so two replicas (or two requests) reading the
-- same thing at once write one event: the second waits for the first's row lock and then finds it fresh.
-- A read that coalesces changes no row (the WHERE of DO UPDATE), so scrolling costs an index lookup, not a write.
CREATE TABLE log_access (
    account_id  text COLLATE "C" NOT NULL,
    person_id   text COLLATE "C" NOT NULL,
    kind        text COLLATE "C" NOT NULL,
    key_hash    bytea       NOT NULL,
    event_id    text COLLATE "C" NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, person_id, kind, key_hash)
);
-- The purge of rows older than every window (LogAccessPurge) finds them by this.
CREATE INDEX log_access_recorded_at ON log_access (recorded_at);
