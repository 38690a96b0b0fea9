-- The actor rollup wrote two rows for most events (one under the actor's id, one under its email), so it took two
-- of the five to six row writes an event costs the feed consumer. It now keeps one row per actor id and email pair:
-- the log's actor filter X sums the rows whose actor or actor_email is X (an index each), and the top actors read
-- each row under both names (RollupQueries). actor is the event's actor id, or its email when it has no id;
-- actor_email is its email when it has one that differs from actor, else ''.
--
-- The old rows cannot be paired (an email row does not say which id it came with), so the upgrade rebuilds every
-- rollup from the feed, as POST /internal/v1/analytics/rebuild does: the dashboards show partial counts until the
-- consumer has caught up (docs/decisions.md, "The actor rollup: one row per event").
DROP TABLE actor_quarter;
CREATE TABLE actor_quarter (
    account_id  text COLLATE "C" NOT NULL,
    actor       text             NOT NULL,
    actor_email text             NOT NULL,
    bucket      timestamptz      NOT NULL,
    category    text COLLATE "C" NOT NULL,
    subcategory text COLLATE "C" NOT NULL,
    action      text COLLATE "C" NOT NULL,
    object_type text COLLATE "C" NOT NULL,
    events      bigint           NOT NULL,
    PRIMARY KEY (account_id, actor, bucket, actor_email, category, subcategory, action, object_type)
) WITH (fillfactor = 70);
CREATE INDEX actor_quarter_range ON actor_quarter (account_id, bucket);
CREATE INDEX actor_quarter_email ON actor_quarter (account_id, actor_email, bucket) WHERE actor_email <> '';

TRUNCATE summary_hour, breakdown_hour, activity_hour, activity_quarter, object_quarter;
UPDATE feed_position SET position = '', events_applied = 0, updated_at = now() WHERE id = 1;
