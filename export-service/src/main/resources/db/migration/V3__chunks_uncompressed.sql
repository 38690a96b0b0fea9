-- Report chunks are stored out of line without PostgreSQL's pglz compression: compressing every megabyte on
-- write cost more CPU than the rest of a report's storage, and files live only seven days.
ALTER TABLE file_chunk ALTER COLUMN data SET STORAGE EXTERNAL;
