-- The notification-service's schema. Feeds are consumed from stored positions, advanced in the same transaction
-- as the notifications they create; mails leave through an outbox, so a crash never loses or repeats work.

CREATE TABLE feed_position (
    feed       text PRIMARY KEY,             -- 'audit' (audit-service change feed), 'export-ready' (export-service)
    position   text NOT NULL,                -- the producer's opaque position; '' is the start
    consumed   bigint NOT NULL DEFAULT 0,    -- records consumed so far (for operators)
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO feed_position (feed, position) VALUES ('audit', ''), ('export-ready', '');

-- An account's alert rules (one row once a super admin changed the default).
CREATE TABLE account_settings (
    account_id                 text PRIMARY KEY,
    multiple_exports_threshold integer NOT NULL CHECK (multiple_exports_threshold > 0),
    updated_at                 timestamptz NOT NULL,
    updated_by                 text NOT NULL
);

-- A super admin's own subscriptions and mail preferences.
CREATE TABLE user_settings (
    account_id                      text NOT NULL,
    user_id                         text NOT NULL,
    email                           text,
    alert_multiple_exports          boolean NOT NULL DEFAULT false,
    alert_admin_permission_removed  boolean NOT NULL DEFAULT false,
    mail_export_ready               boolean NOT NULL DEFAULT true,
    mail_mentions                   boolean NOT NULL DEFAULT true,
    updated_at                      timestamptz NOT NULL,
    PRIMARY KEY (account_id, user_id)
);
CREATE INDEX user_settings_alert_subscribers ON user_settings (account_id)
    WHERE alert_multiple_exports OR alert_admin_permission_removed;

-- Export actions per account and UTC day, and whether that day's multiple-exports alert has fired.
CREATE TABLE export_day (
    account_id text NOT NULL,
    day        date NOT NULL,
    exports    integer NOT NULL,
    alerted_at timestamptz,
    PRIMARY KEY (account_id, day)
);

-- The in-app list. One row per recipient and occurrence: the unique key makes a replay harmless.
CREATE TABLE notification (
    id          uuid PRIMARY KEY,
    account_id  text NOT NULL,
    user_id     text NOT NULL,
    kind        text NOT NULL,
    occurrence  text NOT NULL,               -- what happened once: an event id, an account day, a job id, a comment id
    title       text NOT NULL,
    summary     text NOT NULL,
    link        text,
    event_id    text,
    occurred_at timestamptz NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
    read_at     timestamptz,
    UNIQUE (account_id, user_id, kind, occurrence)
);
CREATE INDEX notification_inbox ON notification (account_id, user_id, created_at DESC, id DESC);
CREATE INDEX notification_unread ON notification (account_id, user_id) WHERE read_at IS NULL;
CREATE INDEX notification_age ON notification (created_at);

-- Mails to send, rendered when the notification was made. A sender claims one row at a time with
-- FOR UPDATE SKIP LOCKED and holds it until the send is recorded.
CREATE TABLE outbox (
    notification_id uuid PRIMARY KEY REFERENCES notification (id) ON DELETE CASCADE,
    recipient       text NOT NULL,
    subject         text NOT NULL,
    text_body       text NOT NULL,
    html_body       text NOT NULL,
    status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    sent_at         timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
