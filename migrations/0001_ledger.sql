-- 0001: the ledger's tables. Every accepted input line becomes one row of
-- response_records or request_attempts, every bad line one row of
-- rejected_lines, and every file one row of ingested_files.
-- Times are UTC ISO-8601 text with milliseconds (YYYY-MM-DDTHH:MM:SS.sssZ),
-- months are YYYY-MM. line_hash is the SHA-256 of the stored (redacted) line
-- without its line ending: it is how a line already stored is recognised.

CREATE TABLE ingested_files (
    id          INTEGER PRIMARY KEY,
    path        TEXT    NOT NULL,               -- as given on the command line; '-' is standard input
    format      TEXT    NOT NULL CHECK (format IN ('jsonl', 'csv')),
    forced_kind TEXT             CHECK (forced_kind IN ('responses', 'requests')),
    compressed  INTEGER NOT NULL CHECK (compressed IN (0, 1)),
    size_bytes  INTEGER NOT NULL,               -- bytes read from the file (compressed size for .gz)
    sha256      TEXT    NOT NULL UNIQUE,        -- of the bytes read, lowercase hex
    lines_read  INTEGER NOT NULL,               -- every line, blank ones included
    blank       INTEGER NOT NULL,
    accepted    INTEGER NOT NULL,
    duplicates  INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    ingested_at TEXT    NOT NULL,
    CHECK (lines_read = blank + accepted + duplicates + rejected)
);

CREATE TABLE response_records (
    id                      INTEGER PRIMARY KEY,
    file_id                 INTEGER NOT NULL REFERENCES ingested_files(id),
    line_number             INTEGER NOT NULL,
    line_hash               BLOB    NOT NULL UNIQUE,
    occurred_at             TEXT    NOT NULL,
    month                   TEXT    NOT NULL,
    org_id                  TEXT    NOT NULL,
    endpoint                TEXT    NOT NULL,
    version                 TEXT    NOT NULL CHECK (version IN ('v1', 'v2')),
    http_status             INTEGER NOT NULL,
    idempotency_key         TEXT,
    request_id              TEXT,
    duration_ms             INTEGER,
    success                 INTEGER CHECK (success IN (0, 1)),   -- response.success; NULL when absent
    generation_id           TEXT,
    image_url               TEXT,
    visual_metaphor         TEXT,
    semantic_translation_ms INTEGER,
    provider_latency_ms     INTEGER,
    error_code              TEXT,                                -- response.code, e.g. insufficient_balance
    error_message           TEXT,
    prompt                  TEXT,
    category                TEXT,
    aspect_ratio            TEXT,
    resolution              TEXT,
    cinematic_mode          INTEGER CHECK (cinematic_mode IN (0, 1))
);

CREATE TABLE request_attempts (
    id                   INTEGER PRIMARY KEY,
    file_id              INTEGER NOT NULL REFERENCES ingested_files(id),
    line_number          INTEGER NOT NULL,
    line_hash            BLOB    NOT NULL UNIQUE,
    occurred_at          TEXT    NOT NULL,
    month                TEXT    NOT NULL,
    org_id               TEXT    NOT NULL,
    endpoint             TEXT    NOT NULL,
    version              TEXT    NOT NULL CHECK (version IN ('v1', 'v2')),
    http_status          INTEGER NOT NULL,
    method               TEXT,
    idempotency_key      TEXT,
    request_id           TEXT,
    duration_ms          INTEGER,
    retry_after_s        INTEGER,                                -- Retry-After seconds, on 429
    rate_limit_remaining INTEGER
);

CREATE TABLE rejected_lines (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES ingested_files(id),
    line_number INTEGER NOT NULL,
    line_hash   BLOB    NOT NULL UNIQUE,
    reason      TEXT    NOT NULL,                                -- in words, for a person
    raw_line    BLOB    NOT NULL,                                -- the line as read, secrets redacted; TEXT when valid UTF-8
    UNIQUE (file_id, line_number)
);

CREATE INDEX response_records_by_month_org ON response_records (month, org_id, version, http_status, error_code);
CREATE INDEX request_attempts_by_month_org ON request_attempts (month, org_id, version, http_status);
