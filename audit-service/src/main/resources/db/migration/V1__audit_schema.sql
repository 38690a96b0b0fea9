-- The audit schema: the event log, its idempotency keys and the accounts' plans.
-- Flyway runs this inside schema "audit" (quarkus.flyway.schemas), which it creates.

CREATE TABLE account (
    account_id text        PRIMARY KEY,
    plan       text        NOT NULL CHECK (plan IN ('STARTER', 'PROFESSIONAL', 'ENTERPRISE')),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Orders events within one writing transaction (feed) and breaks ties of equal occurred_at (queries).
CREATE SEQUENCE event_seq CACHE 100;

-- One row per recorded user action. Partitioned by month of occurred_at so that retention drops whole
-- partitions instead of deleting rows, and so that the usual "last 30 days" query touches one or two.
CREATE TABLE event (
    account_id       text        NOT NULL,
    event_id         text        NOT NULL,
    seq              bigint      NOT NULL DEFAULT nextval('event_seq'),
    -- The writing transaction: the change feed orders by (tx_id, seq) and reads only transactions older
    -- than every one still running, so an insert that commits late can never be skipped by a consumer.
    tx_id            xid8        NOT NULL DEFAULT pg_current_xact_id(),
    occurred_at      timestamptz NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    category         text        NOT NULL,
    subcategory      text,
    action           text        NOT NULL,
    actor_id         text,
    actor_email      text,
    actor_name       text,
    actor_type       text,
    actor_department text,
    actor_teams      text[],
    object_type      text,
    object_id        text,
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

-- Index choice (each is created on every partition). Every query of the API is scoped to one account and
-- ordered newest first by (occurred_at, seq), so each index leads with account_id and ends with the keyset:
-- * event_account_time: the unfiltered log and any filter without a better index; scanned backwards it
--   yields the page order directly, so a keyset page reads only limit+1 entries.
-- * event_account_category_time: the built-in views (login history, security activity) and the category
--   filter, the most used one.
-- * event_account_actor_time: "changed by" (a user's trail).
-- * event_account_object_time: an object's history (the link from a record to its log).
-- * event_feed: the change feed's (tx_id, seq) order across all accounts.
-- Action, team, IP and free text filter rows within those ranges; more indexes would slow ingest, which
-- must stay fast. They are worth adding only when measurements show a filter that is both common and
-- selective.
CREATE INDEX event_account_time          ON event (account_id, occurred_at, seq);
CREATE INDEX event_account_category_time ON event (account_id, category, occurred_at, seq);
CREATE INDEX event_account_actor_time    ON event (account_id, actor_id, occurred_at);
CREATE INDEX event_account_object_time   ON event (account_id, object_type, object_id, occurred_at);
CREATE INDEX event_feed                  ON event (tx_id, seq);

-- An event id is unique per account for ever (an idempotency key). A unique index on the partitioned table
-- would have to include occurred_at, which would let the same id be stored twice with two timestamps, so the
-- keys live in their own table. It also finds an event's partition when it is read by id.
CREATE TABLE event_key (
    account_id  text        NOT NULL,
    event_id    text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, event_id)
);
CREATE INDEX event_key_occurred_at ON event_key (occurred_at);

-- Creates the monthly partitions from the month of first_day to the month of last_day; returns how many
-- were new. Bounds are UTC midnights whatever the session time zone.
CREATE FUNCTION ensure_event_partitions(first_day date, last_day date) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    month   date := date_trunc('month', first_day)::date;
    name    text;
    created integer := 0;
BEGIN
    WHILE month <= last_day LOOP
        name := 'event_' || to_char(month, 'YYYY_MM');
        IF to_regclass('audit.' || name) IS NULL THEN
            EXECUTE format('CREATE TABLE audit.%I PARTITION OF audit.event FOR VALUES FROM (%L) TO (%L)',
                           name, month::text || ' 00:00:00+00', (month + 1 * interval '1 month')::date::text || ' 00:00:00+00');
            created := created + 1;
        END IF;
        month := (month + interval '1 month')::date;
    END LOOP;
    RETURN created;
END $$;

-- Drops every monthly partition that ends at or before cutoff, with the idempotency keys of its events;
-- returns how many partitions went.
CREATE FUNCTION drop_event_partitions_before(cutoff timestamptz) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    part    record;
    dropped integer := 0;
BEGIN
    FOR part IN
        SELECT c.relname AS name,
               (to_date(substring(c.relname FROM 7), 'YYYY_MM') + interval '1 month') AT TIME ZONE 'UTC' AS ends
          FROM pg_inherits i
          JOIN pg_class c ON c.oid = i.inhrelid
         WHERE i.inhparent = 'audit.event'::regclass
           AND c.relname ~ '^event_[0-9]{4}_[0-9]{2}$'
    LOOP
        IF part.ends <= cutoff THEN
            EXECUTE format('DROP TABLE audit.%I', part.name);
            DELETE FROM audit.event_key WHERE occurred_at < part.ends;
            dropped := dropped + 1;
        END IF;
    END LOOP;
    RETURN dropped;
END $$;
