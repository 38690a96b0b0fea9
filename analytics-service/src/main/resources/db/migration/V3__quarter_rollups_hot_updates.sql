-- The quarter-hour rollups take most of the feed's row updates (about 3.6 of the 5.7 per event in the sustained
-- run: two actor rows, one activity row, one object row for most events), and none of them could be a HOT update:
-- activity_quarter's key carried its count (V2's INCLUDE), so every increment wrote a new index entry, and the pages
-- of all three were filled to 100%, so the new row version rarely fit beside the old one. Each update then wrote a
-- new heap tuple on another page plus an entry in every index, and the tables and indexes doubled before vacuum
-- caught up (pgbench on a 400k-row copy: 0% HOT, 55 MB to 111 MB; with the plain key and fillfactor 70: 100% HOT,
-- 62 MB, 35-45% more upserts per second).
--
-- activity_quarter needs no covering key: it is read only for the cut hours' quarters, a handful of rows per
-- dashboard (RollupQueries), never scanned over a range. The hour rollups keep V2's covering keys: the dashboards'
-- 90-day reads are index-only scans over them, and their rows are updated far less often per event.
-- The fillfactor applies to pages written from now on; existing pages fill up as before until rewritten.
ALTER TABLE activity_quarter DROP CONSTRAINT activity_quarter_pkey,
    ADD PRIMARY KEY (account_id, bucket, category, subcategory, action, object_type);
ALTER TABLE activity_quarter SET (fillfactor = 70);
ALTER TABLE actor_quarter SET (fillfactor = 70);
ALTER TABLE object_quarter SET (fillfactor = 70);
