-- Saved views of the log (issue #15): a person's named filters, columns and sort, private or shared with the
-- account's other super admins. Plain CRUD rows, read through Hibernate Reactive Panache (SavedView).
CREATE TABLE saved_view (
    view_id      uuid        PRIMARY KEY,
    account_id   text        COLLATE "C" NOT NULL,
    -- The owner is the token subject; the name is the token's at the last change, shown to the account's other
    -- admins (a view outlives a renamed person's old name only until its owner next saves it).
    owner_id     text        COLLATE "C" NOT NULL,
    owner_name   text        NOT NULL,
    name         text        NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
    -- The log query's parameters as a JSON object ({"category":["LOGIN"],"from":"..."}): the service checks them
    -- with the search's own rules and never queries inside them, so plain text keeps exactly what was checked.
    filters      text        NOT NULL,
    -- The log's columns shown, in order, comma-separated codes from a fixed list (SavedView.COLUMNS).
    columns      text        NOT NULL,
    sort         text        NOT NULL CHECK (sort IN ('NEWEST', 'OLDEST')),
    shared       boolean     NOT NULL,
    version      integer     NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    last_used_at timestamptz
);

-- Names are unique per owner, whatever their case: "Logins" and "logins" side by side would only confuse.
CREATE UNIQUE INDEX saved_view_owner_name ON saved_view (account_id, owner_id, lower(name));
-- The account's shared views, listed for each of its admins.
CREATE INDEX saved_view_account_shared ON saved_view (account_id) WHERE shared;
