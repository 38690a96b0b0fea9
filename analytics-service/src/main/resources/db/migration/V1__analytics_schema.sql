-- The analytics-service's rollups of the audit change feed. Nothing here is the truth: every row can be rebuilt
-- from the feed (POST /internal/v1/analytics/rebuild).
--
-- Bucket size. Dashboards count by local day (or week) of the time zone asked for. Every time zone in use has
-- an offset from UTC that is a whole multiple of 15 minutes (+05:30 India, +05:45 Nepal, +12:45 Chatham, and
-- their DST changes), so a local day always starts and ends on a 15-minute UTC boundary. Rollups per UTC hour
-- alone would split an Indian day in the middle of a bucket; rollups per 15 minutes alone would make a 90-day
-- series read 8,640 buckets per combination of dimensions. So each rollup is kept twice: per UTC hour (the bulk
-- of any range) and per 15 minutes (read only for the hours that a local day boundary cuts, which whole-hour
-- zones never have). The two are written in the same transaction and always agree.
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

-- Events per account, bucket and (category, subcategory, action, object type): the summary and every series.
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
-- matches either: the sum for one actor equals what GET /api/v1/events?actor=X lists.
CREATE TABLE actor_hour (
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
CREATE INDEX actor_hour_range ON actor_hour (account_id, bucket);
CREATE TABLE actor_quarter (LIKE actor_hour INCLUDING ALL);

-- Events per object (type and id both present), for the top objects.
CREATE TABLE object_hour (
    account_id  text COLLATE "C" NOT NULL,
    bucket      timestamptz      NOT NULL,
    object_type text COLLATE "C" NOT NULL,
    object_id   text COLLATE "C" NOT NULL,
    events      bigint           NOT NULL,
    PRIMARY KEY (account_id, bucket, object_type, object_id)
);
CREATE TABLE object_quarter (LIKE object_hour INCLUDING ALL);
