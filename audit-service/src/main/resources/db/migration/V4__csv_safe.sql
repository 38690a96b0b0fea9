-- Report cells a spreadsheet would evaluate as a formula (=, +, -, @, tab, carriage return first) get a leading
-- apostrophe. A plain SQL function, so the planner inlines it into the report query that COPY writes out.
CREATE FUNCTION csv_safe(cell text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN left(cell, 1) IN ('=', '+', '-', '@', E'\t', E'\r') THEN '''' || cell ELSE cell END
$$;
