"""The DuckDB peer: reads the JSON Lines with read_json into a table of the
ledger's response_records columns, in a new DuckDB database file.

The columns are declared rather than sampled, so every record shape (a 402
without a request body, say) maps to the same table. DuckDB does not refuse
a line seen before: it has no unique key here, as a plain CREATE TABLE AS
would not. Run with the benchmark's virtual environment's python.

    python duckdb_load.py DB.duckdb IN.jsonl    # prints the row count
"""

import sys

import duckdb

COLUMNS = {
    "timestamp": "VARCHAR",
    "orgId": "VARCHAR",
    "endpoint": "VARCHAR",
    "httpStatus": "INTEGER",
    "idempotencyKey": "VARCHAR",
    "requestId": "VARCHAR",
    "durationMs": "BIGINT",
    "request": "STRUCT(prompt VARCHAR, category VARCHAR, aspectRatio VARCHAR, resolution VARCHAR, "
               "cinematicMode BOOLEAN)",
    "response": "STRUCT(success BOOLEAN, generationId VARCHAR, imageUrl VARCHAR, visualMetaphor VARCHAR, "
                "semanticTranslationMs BIGINT, providerLatencyMs BIGINT, code VARCHAR, message VARCHAR, "
                "requestId VARCHAR)",
}

SELECT = """
CREATE TABLE response_records AS
SELECT
    "timestamp"                                   AS occurred_at,
    orgId                                         AS org_id,
    endpoint,
    httpStatus                                    AS http_status,
    idempotencyKey                                AS idempotency_key,
    coalesce(requestId, response.requestId)       AS request_id,
    durationMs                                    AS duration_ms,
    response.success                              AS success,
    response.generationId                         AS generation_id,
    response.imageUrl                             AS image_url,
    response.visualMetaphor                       AS visual_metaphor,
    response.semanticTranslationMs                AS semantic_translation_ms,
    response.providerLatencyMs                    AS provider_latency_ms,
    response.code                                 AS error_code,
    response.message                              AS error_message,
    request.prompt                                AS prompt,
    request.category                              AS category,
    request.aspectRatio                           AS aspect_ratio,
    request.resolution                            AS resolution,
    request.cinematicMode                         AS cinematic_mode
FROM read_json(?, format = 'newline_delimited', columns = {columns})
WHERE response IS NOT NULL
"""


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: duckdb_load.py DB.duckdb IN.jsonl")
    database, jsonl = sys.argv[1], sys.argv[2]
    columns = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in COLUMNS.items()) + "}"
    connection = duckdb.connect(database)
    connection.execute(SELECT.replace("{columns}", columns), [jsonl])
    count = connection.execute("SELECT count(*) FROM response_records").fetchone()[0]
    connection.close()
    print(count)


if __name__ == "__main__":
    main()
