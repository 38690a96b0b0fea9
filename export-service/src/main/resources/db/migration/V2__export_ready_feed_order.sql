-- Export-ready records are read as a feed, like the audit feed: in (writing transaction, seq) order and only
-- below the oldest running transaction, so a completion that commits late is never passed over by a reader
-- (its sequence number was taken before a later completion's, but it became visible after).
ALTER TABLE export_ready ADD COLUMN tx_id xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX export_ready_feed ON export_ready (tx_id, seq);
