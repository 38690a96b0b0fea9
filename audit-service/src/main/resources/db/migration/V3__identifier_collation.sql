-- Identifiers and codes compare byte-wise (collation "C"). Under a libc locale such as C.UTF-8 or en_US.UTF-8,
-- PostgreSQL compares text with strcoll, and every index insert and keyset comparison pays for it; ids and
-- codes have no linguistic order to respect. Names, emails and paths keep the database collation.
ALTER TABLE event
    ALTER COLUMN account_id  TYPE text COLLATE "C",
    ALTER COLUMN event_id    TYPE text COLLATE "C",
    ALTER COLUMN category    TYPE text COLLATE "C",
    ALTER COLUMN subcategory TYPE text COLLATE "C",
    ALTER COLUMN action      TYPE text COLLATE "C",
    ALTER COLUMN actor_id    TYPE text COLLATE "C",
    ALTER COLUMN object_type TYPE text COLLATE "C",
    ALTER COLUMN object_id   TYPE text COLLATE "C";

ALTER TABLE event_key
    ALTER COLUMN account_id TYPE text COLLATE "C",
    ALTER COLUMN event_id   TYPE text COLLATE "C";

ALTER TABLE account
    ALTER COLUMN account_id TYPE text COLLATE "C";
