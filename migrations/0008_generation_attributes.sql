-- 0008: the request attributes a version can be priced by (docs/pricing.md,
-- "Dimensions"), on every billed generation.
--
-- billed_generations gains resolution, category and aspect_ratio, taken from
-- the generation's earliest record: the one billing rule 2 chose, whose id
-- billed_generation_firsts already keeps. The view reads them from that
-- record rather than copying three more columns into billed_generation_firsts
-- on every ingest (docs/schema.md, "billed_generations"): ingest writes what
-- it wrote before, and when `void` recomputes a generation's first record
-- the attributes follow it.
--
-- Each attribute is a scalar subquery on the record's row id, not a join:
-- SQLite evaluates a result column of a view only where a query reads it, so
-- monthly_usage, the report's per-day counts and every other query of 0002
-- to 0007 are answered from billed_generation_firsts' month index alone, as
-- before (a LEFT JOIN would be left out only of non-aggregate queries, and
-- would add a record lookup to every count). A query that reads the
-- attributes pays one lookup per generation and attribute; the report's own
-- count by attribute joins the record once instead (MonthDataLoader+Dimensions.swift).
DROP VIEW billed_generations;
CREATE VIEW billed_generations AS
SELECT b.generation_id, b.org_id, b.version, b.billed_at, b.month,
       (SELECT r.resolution FROM response_records AS r WHERE r.id = b.record_id) AS resolution,
       (SELECT r.category FROM response_records AS r WHERE r.id = b.record_id) AS category,
       (SELECT r.aspect_ratio FROM response_records AS r WHERE r.id = b.record_id) AS aspect_ratio
FROM billed_generation_firsts AS b;

-- A closed month's issued lines keep the dimension value of each usage line,
-- as its issued invoice_lines.csv does in its last column (NULL on every
-- other line, on lines of versions without a dimension, and on every line
-- issued before this version).
ALTER TABLE issued_lines ADD COLUMN dimension TEXT;
DROP VIEW issued_statement_lines;
CREATE VIEW issued_statement_lines AS
SELECT month, org_id, position, plan, line, version, description, quantity, unit_price, amount, currency, adjusts_month, dimension
FROM issued_lines;
