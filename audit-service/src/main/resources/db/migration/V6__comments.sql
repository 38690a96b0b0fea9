-- Comments on log entries, the people they may mention, and the durable mention records the
-- notification-service reads as a feed (GET /internal/v1/mentions). V5 belongs to saved views.

-- Every person who has called the API as a super admin of an account (the audit-service has no user directory:
-- the identity provider's tokens are all it knows of people). Refreshed at most once a minute per person.
CREATE TABLE person (
    account_id   text COLLATE "C" NOT NULL,
    user_id      text COLLATE "C" NOT NULL,
    name         text        NOT NULL,
    email        text,
    last_seen_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, user_id)
);

-- A comment on one event: a thread's top comment (parent_id null) or a reply to one (one level only).
-- A deleted comment that has replies stays as a placeholder (deleted_at set, text emptied); one without is removed.
CREATE TABLE comment (
    comment_id  uuid        PRIMARY KEY,
    account_id  text COLLATE "C" NOT NULL,
    event_id    text COLLATE "C" NOT NULL,
    parent_id   uuid        REFERENCES comment (comment_id),
    author_id   text COLLATE "C" NOT NULL,
    author_name text        NOT NULL,
    body        text,
    -- The people the text mentions now (user ids); who was ever notified is comment_mention.
    mentions    text[]      NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    edited_at   timestamptz,
    deleted_at  timestamptz,
    resolved_at timestamptz,
    resolved_by text,
    version     integer     NOT NULL DEFAULT 0,
    CHECK (parent_id IS NULL OR resolved_at IS NULL),
    CHECK ((deleted_at IS NULL) = (body IS NOT NULL))
);
-- An entry's comments in order; "has comments" asks this index for one live row per event.
CREATE INDEX comment_event ON comment (account_id, event_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX comment_event_all ON comment (account_id, event_id, created_at);
CREATE INDEX comment_parent ON comment (parent_id) WHERE parent_id IS NOT NULL;

-- One row per (comment, mentioned person), written in the comment's transaction, never twice: an edit that adds a
-- mention adds a row for the new person only. Read as a feed like audit.event: (writing transaction, seq) order,
-- below the oldest running transaction.
CREATE TABLE comment_mention (
    seq               bigserial   PRIMARY KEY,
    comment_id        uuid        NOT NULL REFERENCES comment (comment_id) ON DELETE CASCADE,
    event_id          text COLLATE "C" NOT NULL,
    account_id        text COLLATE "C" NOT NULL,
    author_name       text        NOT NULL,
    mentioned_user_id text COLLATE "C" NOT NULL,
    mentioned_email   text,
    excerpt           text        NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    tx_id             xid8        NOT NULL DEFAULT pg_current_xact_id(),
    UNIQUE (comment_id, mentioned_user_id)
);
CREATE INDEX comment_mention_feed ON comment_mention (tx_id, seq);

-- The doorbell rings from the table itself, so no writer can forget it; PostgreSQL delivers it on commit only.
CREATE FUNCTION ring_audit_mentions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('audit_mentions', '');
    RETURN NULL;
END $$;

CREATE TRIGGER comment_mention_doorbell AFTER INSERT ON comment_mention
    FOR EACH STATEMENT EXECUTE FUNCTION ring_audit_mentions();
