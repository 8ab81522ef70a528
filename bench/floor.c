/*
 * The benchmark's floor: what SQLite alone costs to store the rows that
 * `axis-ledger ingest` stores, with nothing else to do.
 *
 *   floor DB ROWS [billing] [ids] [journal] [deferred]
 *
 * DB already holds the ledger's schema (the SQL files in migrations/, applied with the
 * sqlite3 shell). ROWS is the binary file that bench/lib/prepare_floor.py
 * wrote from the JSON Lines, outside the timing: every field already parsed,
 * normalised and hashed. This program opens DB with the ledger's settings
 * (journal_mode=WAL, synchronous=NORMAL, foreign_keys=ON), adds one
 * ingested_files row, and inserts every row into response_records with one
 * prepared statement (the ledger's own INSERT ... ON CONFLICT (line_hash) DO
 * NOTHING) in one transaction. It prints the number of rows stored.
 *
 * With `billing`, the same transaction then applies billing rule 2 the
 * cheapest way SQLite can: one INSERT ... SELECT of every billable row,
 * sorted by month and generationId, into billed_generation_firsts (BILLING_SQL). That
 * is the floor of the whole job axis-ledger does, which the plain floor
 * leaves out; it skips generation_placements (ids under several orgs,
 * which the benchmark's sample does not have) and sorts all rows at once,
 * as axis-ledger does.
 *
 * With `ids`, the same transaction then fills id_lookup (migration 0011) as
 * the schema lays it out and axis-ledger fills it (Store/IdLookupWriter.swift):
 * every generationId, requestId and Idempotency-Key of the rows, in segments
 * of SEGMENT_RECORDS records, each one INSERT ... SELECT sorted by id.
 *
 * With `journal`, DB is written as axis-ledger writes a new ledger's first
 * file, under its temporary name (Store/StagedLedger.swift): a rollback
 * journal (journal_mode=DELETE) with synchronous=FULL instead of WAL, and
 * marked WAL after the commit. For information: what SQLite alone costs on
 * that path.
 *
 * With `deferred` (and `billing`), billed_generation_firsts_by_month is
 * dropped before the billing insert and made again after it, in the same
 * transaction, from its own CREATE INDEX in sqlite_schema: as axis-ledger
 * bills a new ledger's first file (Store/DeferredIndex.swift). Billing's rows
 * come in (month, generationId) order, which is that index's random order.
 *
 * ROWS format: the 8 bytes "AXFLOOR1", a little-endian uint64 row count,
 * then per row FIELD_COUNT fields, each a tag byte: 0 NULL; 1 integer
 * (8 bytes, little-endian, signed); 2 text or 3 blob (uint32 length, then
 * the bytes).
 */
#include <fcntl.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* The columns after file_id, in the order of INSERT_SQL's placeholders 2... */
#define FIELD_COUNT 24

static const char *INSERT_SQL =
    "INSERT INTO response_records ("
    " file_id, line_number, line_hash, occurred_at, month, org_id, endpoint, version, http_status,"
    " idempotency_key, request_id, duration_ms, success, generation_id, image_url, visual_metaphor,"
    " semantic_translation_ms, provider_latency_ms, error_code, error_message,"
    " prompt, category, aspect_ratio, resolution, cinematic_mode)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    " ON CONFLICT (line_hash) DO NOTHING";

static const char *BILLING_SQL =
    "INSERT INTO billed_generation_firsts (generation_id, org_id, version, record_id, billed_at, month)"
    " SELECT generation_id, org_id, version, id, occurred_at, month FROM response_records"
    " WHERE http_status = 200 AND success = 1 AND generation_id <> ''"
    " ORDER BY month, generation_id"
    " ON CONFLICT (generation_id) DO UPDATE SET"
    " record_id = excluded.record_id, billed_at = excluded.billed_at, month = excluded.month,"
    " org_id = excluded.org_id, version = excluded.version"
    " WHERE (excluded.billed_at, excluded.record_id) < (billed_generation_firsts.billed_at, billed_generation_firsts.record_id)";

/* Records per id_lookup segment: IdLookupWriter.recordsPerSegment. */
#define SEGMENT_RECORDS 65536

static const char *ID_SEGMENT_SQL =
    "INSERT INTO id_lookup (segment, id, id_column, record_table, record_id)"
    " SELECT ?1, id, id_column, record_table, record_id FROM ("
    " SELECT generation_id AS id, 0 AS id_column, 0 AS record_table, id AS record_id FROM response_records"
    " WHERE id > ?2 AND id <= ?3 AND generation_id <> ''"
    " UNION ALL SELECT request_id, 1, 0, id FROM response_records WHERE id > ?2 AND id <= ?3 AND request_id <> ''"
    " UNION ALL SELECT idempotency_key, 2, 0, id FROM response_records WHERE id > ?2 AND id <= ?3 AND idempotency_key <> ''"
    ") ORDER BY id, id_column, record_table, record_id";

static void fail(sqlite3 *db, const char *what) {
    fprintf(stderr, "floor: %s: %s\n", what, db ? sqlite3_errmsg(db) : "error");
    exit(1);
}

static void exec_sql(sqlite3 *db, const char *sql) {
    char *message = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK) {
        fprintf(stderr, "floor: %s: %s\n", sql, message ? message : "error");
        exit(1);
    }
}

/* Bounds-checked reads from the mapped file. */
typedef struct {
    const unsigned char *at;
    const unsigned char *end;
} Cursor;

static void need(const Cursor *c, size_t n) {
    if ((size_t)(c->end - c->at) < n) {
        fprintf(stderr, "floor: the rows file ends in the middle of a row; prepare it again\n");
        exit(1);
    }
}

static uint64_t read_u64(Cursor *c) {
    need(c, 8);
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--) v = (v << 8) | c->at[i];
    c->at += 8;
    return v;
}

static uint32_t read_u32(Cursor *c) {
    need(c, 4);
    uint32_t v = (uint32_t)c->at[0] | (uint32_t)c->at[1] << 8 | (uint32_t)c->at[2] << 16 | (uint32_t)c->at[3] << 24;
    c->at += 4;
    return v;
}

/* The ids of every row of file `file_id` (all rows, ids 1..max), segment by segment. */
static void fill_id_lookup(sqlite3 *db, sqlite3_int64 file_id) {
    sqlite3_stmt *last = NULL, *segment = NULL, *fill = NULL;
    if (sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM response_records", -1, &last, NULL) != SQLITE_OK
        || sqlite3_step(last) != SQLITE_ROW) fail(db, "max(id)");
    sqlite3_int64 last_id = sqlite3_column_int64(last, 0);
    sqlite3_finalize(last);
    if (sqlite3_prepare_v2(db, "INSERT INTO id_lookup_segments (file_id) VALUES (?)", -1, &segment, NULL) != SQLITE_OK
        || sqlite3_prepare_v2(db, ID_SEGMENT_SQL, -1, &fill, NULL) != SQLITE_OK) fail(db, "prepare ids");
    for (sqlite3_int64 start = 0; start < last_id; start += SEGMENT_RECORDS) {
        sqlite3_bind_int64(segment, 1, file_id);
        if (sqlite3_step(segment) != SQLITE_DONE) fail(db, "segment");
        sqlite3_reset(segment);
        sqlite3_bind_int64(fill, 1, sqlite3_last_insert_rowid(db));
        sqlite3_bind_int64(fill, 2, start);
        sqlite3_bind_int64(fill, 3, start + SEGMENT_RECORDS < last_id ? start + SEGMENT_RECORDS : last_id);
        if (sqlite3_step(fill) != SQLITE_DONE) fail(db, "ids");
        sqlite3_reset(fill);
    }
    sqlite3_finalize(segment);
    sqlite3_finalize(fill);
}

/* The index billing's row order writes at random, made after the billing insert with `deferred`. */
#define DEFERRED_INDEX "billed_generation_firsts_by_month"

/* The CREATE INDEX statement of index `name` as sqlite_schema holds it (malloc'd). */
static char *index_creation(sqlite3 *db, const char *name) {
    sqlite3_stmt *query = NULL;
    if (sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?", -1, &query, NULL) != SQLITE_OK)
        fail(db, "prepare index_creation");
    sqlite3_bind_text(query, 1, name, -1, SQLITE_STATIC);
    if (sqlite3_step(query) != SQLITE_ROW) {
        fprintf(stderr, "floor: the schema has no index %s\n", name);
        exit(1);
    }
    char *creation = strdup((const char *)sqlite3_column_text(query, 0));
    sqlite3_finalize(query);
    return creation;
}

int main(int argc, char **argv) {
    int with_billing = 0, with_ids = 0, with_journal = 0, with_deferred = 0;
    for (int i = 3; i < argc; i++) {
        if (strcmp(argv[i], "billing") == 0) with_billing = 1;
        else if (strcmp(argv[i], "ids") == 0) with_ids = 1;
        else if (strcmp(argv[i], "journal") == 0) with_journal = 1;
        else if (strcmp(argv[i], "deferred") == 0) with_deferred = 1;
        else argc = 0;
    }
    if (argc < 3) {
        fprintf(stderr, "usage: floor DB ROWS [billing] [ids] [journal] [deferred]\n");
        return 2;
    }
    int fd = open(argv[2], O_RDONLY);
    if (fd < 0) { perror(argv[2]); return 1; }
    struct stat info;
    if (fstat(fd, &info) != 0) { perror(argv[2]); return 1; }
    const unsigned char *map = mmap(NULL, (size_t)info.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) { perror("mmap"); return 1; }
    Cursor c = {map, map + info.st_size};
    need(&c, 8);
    if (memcmp(c.at, "AXFLOOR1", 8) != 0) {
        fprintf(stderr, "floor: %s is not a rows file written by prepare_floor.py\n", argv[2]);
        return 1;
    }
    c.at += 8;
    uint64_t rows = read_u64(&c);

    sqlite3 *db = NULL;
    if (sqlite3_open(argv[1], &db) != SQLITE_OK) fail(db, "open");
    exec_sql(db, with_journal ? "PRAGMA journal_mode = DELETE" : "PRAGMA journal_mode = WAL");
    exec_sql(db, with_journal ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
    exec_sql(db, "PRAGMA foreign_keys = ON");
    exec_sql(db, "PRAGMA cache_size = -32768"); /* the ledger's writer cache (Store/LedgerDatabase.swift) */
    exec_sql(db, "BEGIN IMMEDIATE");
    exec_sql(db,
             "INSERT INTO ingested_files (path, format, forced_kind, compressed, size_bytes, sha256,"
             " lines_read, blank, accepted, duplicates, rejected, ingested_at)"
             " VALUES ('floor', 'jsonl', NULL, 0, 0, 'floor', 0, 0, 0, 0, 0, '2026-01-01T00:00:00.000Z')");
    sqlite3_int64 file_id = sqlite3_last_insert_rowid(db);

    sqlite3_stmt *insert = NULL;
    if (sqlite3_prepare_v3(db, INSERT_SQL, -1, SQLITE_PREPARE_PERSISTENT, &insert, NULL) != SQLITE_OK) fail(db, "prepare");
    uint64_t stored = 0;
    for (uint64_t row = 0; row < rows; row++) {
        sqlite3_bind_int64(insert, 1, file_id);
        for (int field = 0; field < FIELD_COUNT; field++) {
            int slot = field + 2;
            need(&c, 1);
            unsigned char tag = *c.at++;
            switch (tag) {
            case 0:
                sqlite3_bind_null(insert, slot);
                break;
            case 1:
                sqlite3_bind_int64(insert, slot, (sqlite3_int64)read_u64(&c));
                break;
            case 2:
            case 3: {
                uint32_t length = read_u32(&c);
                need(&c, length);
                if (tag == 2) sqlite3_bind_text(insert, slot, (const char *)c.at, (int)length, SQLITE_STATIC);
                else sqlite3_bind_blob(insert, slot, c.at, (int)length, SQLITE_STATIC);
                c.at += length;
                break;
            }
            default:
                fprintf(stderr, "floor: unknown field tag %u in row %llu\n", tag, (unsigned long long)row + 1);
                return 1;
            }
        }
        if (sqlite3_step(insert) != SQLITE_DONE) fail(db, "insert");
        stored += (uint64_t)sqlite3_changes(db);
        sqlite3_reset(insert);
    }
    sqlite3_finalize(insert);
    if (with_billing && with_deferred) {
        char *creation = index_creation(db, DEFERRED_INDEX);
        exec_sql(db, "DROP INDEX " DEFERRED_INDEX);
        exec_sql(db, BILLING_SQL);
        exec_sql(db, creation);
        free(creation);
    } else if (with_billing) {
        exec_sql(db, BILLING_SQL);
    }
    if (with_ids) fill_id_lookup(db, file_id);
    exec_sql(db, "COMMIT");
    if (with_journal) exec_sql(db, "PRAGMA journal_mode = WAL");
    if (sqlite3_close(db) != SQLITE_OK) fail(db, "close");
    munmap((void *)map, (size_t)info.st_size);
    close(fd);
    printf("%llu\n", (unsigned long long)stored);
    return 0;
}
