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
-- before (SQLite 3.40's query plans kept a LEFT JOIN of the record in those
-- counts even though they read none of its columns: a record lookup for
-- every generation counted). A query that reads the
-- attributes pays a record lookup per generation: the report counts by them
-- (MonthDataLoader+Dimensions.swift) only when the pricing prices a version
-- by a dimension. docs/schema.md, "billed_generations", has the measurement.
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
