-- The plain-PostgreSQL twin of audit.event, for the benchmark's COPY and INSERT loads. The DDL is copied from
-- audit-service/src/main/resources/db/migration/V1__audit_schema.sql as V2 and V3 changed it (sequence,
-- columns with their collations, partitioning, the five indexes); the benchmark compares the result with the live audit.event through the catalog and reports any
-- difference, so a change to the migration that is not copied here shows up in the report. The monthly
-- partitions are created by the benchmark with the same bounds as audit.event's.
CREATE SCHEMA bench_plain;
SET search_path = bench_plain;

CREATE SEQUENCE event_seq CACHE 100;

CREATE TABLE event (
    account_id       text COLLATE "C"        NOT NULL,
    event_id         text COLLATE "C"        NOT NULL,
    seq              bigint      NOT NULL DEFAULT nextval('event_seq'),
    tx_id            xid8        NOT NULL DEFAULT pg_current_xact_id(),
    occurred_at      timestamptz NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    category         text COLLATE "C"        NOT NULL,
    subcategory      text COLLATE "C",
    action           text COLLATE "C"        NOT NULL,
    actor_id         text COLLATE "C",
    actor_email      text,
    actor_name       text,
    actor_type       text,
    actor_department text,
    actor_teams      text[],
    object_type      text COLLATE "C",
    object_id        text COLLATE "C",
    object_name      text,
    object_path      text,
    object_item_type text,
    ip               inet,
    user_agent       text,
    login_type       text,
    country          text,
    region           text,
    details          jsonb
) PARTITION BY RANGE (occurred_at);

CREATE INDEX event_account_time          ON event (account_id, occurred_at, seq);
CREATE INDEX event_account_category_time ON event (account_id, category, occurred_at, seq);
CREATE INDEX event_account_actor_time    ON event (account_id, actor_id, occurred_at);
CREATE INDEX event_account_object_time   ON event (account_id, object_type, object_id, occurred_at);
CREATE INDEX event_feed                  ON event (tx_id, seq);

RESET search_path;
