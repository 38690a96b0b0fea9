-- The dashboards read an account's rollup rows for a range in key order, and those rows lie scattered over the
-- heap (every hour's rows were written between other accounts' rows): a 90-day series by category visited a heap
-- page for nearly every row it summed (4,653 pages for 8,626 rows at a million events). Each key now carries the
-- counts it adds up, so the reads are index-only scans over a few dozen pages once VACUUM (autovacuum, or the
-- benchmark's own) has marked the settled hours all-visible. The upserts' ON CONFLICT targets the same key
-- columns, so nothing else changes.
ALTER TABLE summary_hour DROP CONSTRAINT summary_hour_pkey,
    ADD PRIMARY KEY (account_id, bucket) INCLUDE (logins, deletions, exports, reports);
ALTER TABLE breakdown_hour DROP CONSTRAINT breakdown_hour_pkey,
    ADD PRIMARY KEY (account_id, dimension, bucket, key) INCLUDE (events);
ALTER TABLE activity_hour DROP CONSTRAINT activity_hour_pkey,
    ADD PRIMARY KEY (account_id, bucket, category, subcategory, action, object_type) INCLUDE (events);
ALTER TABLE activity_quarter DROP CONSTRAINT activity_quarter_pkey,
    ADD PRIMARY KEY (account_id, bucket, category, subcategory, action, object_type) INCLUDE (events);
