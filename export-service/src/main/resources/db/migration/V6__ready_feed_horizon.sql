-- The export-ready feed's horizon, as the audit-service's change feed has it (audit-service migration V10,
-- docs/decisions.md "The feed horizon passes over consumers' transactions"): the oldest running transaction that
-- does not carry the feed consumers' mark (the shared advisory lock on keys 'audi' / 'feed', taken by
-- FeedPositions in platform-common in every consumer's pass), else the snapshot's xmax. Below pg_snapshot_xmin,
-- as this feed was read before, any consumer's write transaction (an analytics page of rollups, the sealer's
-- leaves: a second or more under load) held back every "your report is ready" notice until it committed.
--
-- Safe for the same reason as the audit feed's: a transaction that carries the mark writes no row of any feed
-- (docs/architecture.md, "The change feed"); export_ready rows are written by the export worker's own
-- transactions, which never take it. The mark is read in pg_locks after the statement's snapshot was taken, so
-- a transaction passed over held the mark at that moment; one that ended in between holds the horizon back.
--
-- A copy of audit.feed_horizon() rather than a call to it: each service owns its schema and its grants, and the
-- export-service reads nothing of the audit schema. The two bodies are the same; change them together.
-- PL/pgSQL keeps its plan for the session; ORDER BY ... LIMIT 1 because PostgreSQL 14 has no min(xid8).
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
