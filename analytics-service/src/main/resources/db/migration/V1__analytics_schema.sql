-- The analytics-service's rollups of the audit change feed. Nothing here is the truth: every row can be rebuilt
-- from the feed (POST /internal/v1/analytics/rebuild).
--
-- Bucket size. Dashboards count by local day (or week) of the time zone asked for. Every time zone in use has
-- an offset from UTC that is a whole multiple of 15 minutes (+05:30 India, +05:45 Nepal, +12:45 Chatham, and
-- their DST changes), so a local day always starts and ends on a 15-minute UTC boundary. Rollups per UTC hour
-- alone would split an Indian day in the middle of a bucket; rollups per 15 minutes alone would make a 90-day
-- series read 8,640 buckets per combination of dimensions. So the dashboards read UTC hours for the bulk of any
-- range, and 15-minute buckets only for the hours that a local day boundary cuts (which whole-hour zones never
-- have). The narrow hour rollups (summary, breakdown) have no quarter twin: a cut hour's quarters are read from
-- activity_quarter, which holds every dimension they are derived from. All are written in one transaction.
--
-- Text columns hold codes and ids: collation "C" (byte order, as in the audit schema). An absent subcategory or
-- object type is stored as '' so that it can be part of the primary key.

-- Where the consumer is in the audit feed. One row; advanced in the same transaction as the rollups it
-- produced, and only from the position the page was read after (a repeated page changes nothing).
CREATE TABLE feed_position (
    id             smallint    PRIMARY KEY CHECK (id = 1),
    position       text        NOT NULL,
    events_applied bigint      NOT NULL,
    updated_at     timestamptz NOT NULL
);
INSERT INTO feed_position VALUES (1, '', 0, now());

-- The summary's four totals per account and UTC hour, narrow so that a 30-day summary reads one row per hour: logins (category LOGIN), deletions (action DELETE or PERMANENT_DELETE), exports (category EXPORT) and
-- reports (category REPORT), as ARCHITECTURE.md defines what analytics counts.
CREATE TABLE summary_hour (
    account_id text COLLATE "C" NOT NULL,
    bucket     timestamptz      NOT NULL,
    logins     bigint           NOT NULL,
    deletions  bigint           NOT NULL,
    exports    bigint           NOT NULL,
    reports    bigint           NOT NULL,
    PRIMARY KEY (account_id, bucket)
);

-- Events per account, UTC hour and one breakdown of the series (dimension: category, action, login-outcome or
-- object-type; key: its value), for the series without filters, the charts the tab opens with: a 90-day series
-- by category reads one row per hour and category instead of one per hour and combination of all dimensions.
CREATE TABLE breakdown_hour (
    account_id text COLLATE "C" NOT NULL,
    dimension  text COLLATE "C" NOT NULL,
    bucket     timestamptz      NOT NULL,
    key        text COLLATE "C" NOT NULL,
    events     bigint           NOT NULL,
    PRIMARY KEY (account_id, dimension, bucket, key)
);

-- Events per account, bucket and (category, subcategory, action, object type): every series with filters. The subcategory is
-- kept for LOGIN events only (the login outcome); no dashboard asks for another, and each kept value multiplies
-- the rows.
CREATE TABLE activity_hour (
    account_id  text COLLATE "C" NOT NULL,
    bucket      timestamptz      NOT NULL,
    category    text COLLATE "C" NOT NULL,
    subcategory text COLLATE "C" NOT NULL,
    action      text COLLATE "C" NOT NULL,
    object_type text COLLATE "C" NOT NULL,
    events      bigint           NOT NULL,
    PRIMARY KEY (account_id, bucket, category, subcategory, action, object_type)
);
CREATE TABLE activity_quarter (LIKE activity_hour INCLUDING ALL);

-- The same per actor, for the series filtered by actor and for the top actors. An event is counted under its
-- actor id and, when different, under its actor email too (is_primary false), because the log's actor filter
-- matches either: the sum for one actor equals what GET /api/v1/events?actor=X lists. Kept per quarter hour only:
-- these rows are nearly one per event, a second resolution would double the writes, and neither the actor filter
-- (one actor) nor the top lists are on the dashboards' hot path.
CREATE TABLE actor_quarter (
    account_id  text COLLATE "C" NOT NULL,
    actor       text             NOT NULL,
    is_primary  boolean          NOT NULL,
    bucket      timestamptz      NOT NULL,
    category    text COLLATE "C" NOT NULL,
    subcategory text COLLATE "C" NOT NULL,
    action      text COLLATE "C" NOT NULL,
    object_type text COLLATE "C" NOT NULL,
    events      bigint           NOT NULL,
    PRIMARY KEY (account_id, actor, bucket, is_primary, category, subcategory, action, object_type)
);
CREATE INDEX actor_quarter_range ON actor_quarter (account_id, bucket);

-- Events per object (type and id both present), for the top objects; per quarter hour only, as the actors.
CREATE TABLE object_quarter (
    account_id  text COLLATE "C" NOT NULL,
    bucket      timestamptz      NOT NULL,
    object_type text COLLATE "C" NOT NULL,
    object_id   text COLLATE "C" NOT NULL,
    events      bigint           NOT NULL,
    PRIMARY KEY (account_id, bucket, object_type, object_id)
);
