-- The list of an account's jobs pages on (created_at, id), newest first: jobs created in the same microsecond are
-- ordered by id, so a page boundary between them neither skips nor repeats one. The index serves that order.
CREATE INDEX job_account_created_id ON job (account_id, created_at DESC, id DESC);
DROP INDEX job_account_created;
