-- The change feeds' horizon (docs/architecture.md, "The change feed"): a feed passes only rows written by
-- transactions below it, so a transaction that commits late is never passed over. It was the oldest running
-- transaction of the whole cluster (pg_snapshot_xmin), so a feed consumer's own write transaction (an analytics
-- page of rollups, the sealer's leaves: a second or more under load) held back every feed until it committed, and
-- an alert waited for it. Now a running transaction that carries the feed consumers' mark (the shared advisory lock
-- on keys 'audi' / 'feed', taken by FeedPositions in platform-common) is passed over: by the platform's rule such a
-- transaction writes no feed row.
--
-- Why it is safe: the mark is seen in pg_locks together with the transaction's own id lock (one virtual
-- transaction holds both), read after the statement's snapshot was taken; a transaction that holds the mark then is
-- a consumer's, whenever it took it. One that ended in between is not seen and holds the horizon back, as before.
-- Every row below the horizon was written by a transaction that had ended when the snapshot was taken, so a page
-- read with that snapshot (the same statement's) sees all of them. pg_locks is read only when some transaction is
-- running. Callers use it as a scalar subquery, "(SELECT audit.feed_horizon())", evaluated once per statement.
-- PL/pgSQL rather than SQL: a session keeps a PL/pgSQL function's plan, where a SQL function's body was planned
-- again on every execution of the feed's prepared statement (0.8 ms a page, measured). ORDER BY ... LIMIT 1, not
-- min(): PostgreSQL 14 (the embedded server the tests and the local run fall back to) has no min(xid8).
CREATE FUNCTION feed_horizon() RETURNS xid8
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED AS $$
BEGIN
    RETURN coalesce(
        (SELECT running FROM pg_snapshot_xip(pg_current_snapshot()) AS running
          WHERE running::xid NOT IN (
                SELECT own.transactionid FROM pg_locks mark
                  JOIN pg_locks own ON own.virtualtransaction = mark.virtualtransaction
                 WHERE mark.locktype = 'advisory' AND mark.classid = 1635083369 AND mark.objid = 1717921124
                   AND mark.objsubid = 2 AND mark.granted
                   AND own.locktype = 'transactionid' AND own.granted AND own.transactionid IS NOT NULL)
          ORDER BY running LIMIT 1),
        pg_snapshot_xmax(pg_current_snapshot()));
END
$$;
