-- The occurred_at index of event_key serves only the monthly retention delete, yet every ingested event paid
-- a B-tree insert for it. Keys arrive in roughly time order, so a BRIN index finds an expired month's keys
-- almost as well for a fraction of the write cost.
DROP INDEX event_key_occurred_at;
CREATE INDEX event_key_occurred_at_brin ON event_key USING brin (occurred_at);
