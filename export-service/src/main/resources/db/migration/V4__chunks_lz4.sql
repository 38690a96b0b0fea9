-- Report chunks compressed with lz4 where the server has it (PostgreSQL 14+ built with lz4): CSV shrinks about
-- three times at a small fraction of pglz's CPU cost, so a report writes a third of the TOAST pages and WAL.
-- A server without lz4 keeps the chunks uncompressed (V3).
DO $$
BEGIN
    ALTER TABLE file_chunk ALTER COLUMN data SET COMPRESSION lz4;
    ALTER TABLE file_chunk ALTER COLUMN data SET STORAGE EXTENDED;
EXCEPTION WHEN feature_not_supported OR invalid_parameter_value OR syntax_error THEN
    RAISE NOTICE 'lz4 is not available here; report chunks stay uncompressed';
END $$;
