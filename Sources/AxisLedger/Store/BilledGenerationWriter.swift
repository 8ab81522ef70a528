import GRDB
import GRDBSQLite

/// Applies billing rule 2 (docs/billing.md) to the billable response
/// records a file stored: `billed_generation_firsts` keeps, per
/// generationId, the earliest record (ties to the one stored first), and
/// `generation_placements` every (org, version) of an id seen under more
/// than one.
///
/// The rule is the SQL statements below, run for each newly stored record
/// with status 200, success true and a non-empty generationId: an id not
/// kept yet is inserted (`recordFirstSighting`); for an id kept before, the
/// two placement statements record where it was seen, then `keepEarliest`
/// keeps the earlier of the two records. The outcome does not depend on the
/// order records are taken in, so they are taken once per file, at its end,
/// sorted by month and generationId: `billed_generation_firsts` is keyed by
/// (month, generationId) and its UNIQUE index `billed_generation_firsts_by_id`
/// by generationId (migration 0012), and ids in random order would touch a
/// random page of each per record (read back from the WAL once they outgrow
/// the page cache), where sorted ids walk a month's pages of the table, and
/// the index's pages, once. It was a trigger at first; SQLite journals every
/// statement that fires a trigger.
public struct BilledGenerationWriter {
    static let recordOldPlacement = """
        INSERT OR IGNORE INTO generation_placements (generation_id, org_id, version)
        SELECT f.generation_id, f.org_id, f.version FROM billed_generation_firsts AS f
        WHERE f.generation_id = ?1 AND (f.org_id <> ?2 OR f.version <> ?3)
        """
    static let recordNewPlacement = """
        INSERT OR IGNORE INTO generation_placements (generation_id, org_id, version)
        SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM generation_placements WHERE generation_id = ?1)
        """
    static let recordFirstSighting = """
        INSERT INTO billed_generation_firsts (generation_id, org_id, version, record_id, billed_at, month)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        ON CONFLICT (generation_id) DO NOTHING
        """
    static let keepEarliest = """
        INSERT INTO billed_generation_firsts (generation_id, org_id, version, record_id, billed_at, month)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6)
        ON CONFLICT (generation_id) DO UPDATE SET
            record_id = excluded.record_id, billed_at = excluded.billed_at, month = excluded.month,
            org_id = excluded.org_id, version = excluded.version
        WHERE (excluded.billed_at, excluded.record_id) < (billed_generation_firsts.billed_at, billed_generation_firsts.record_id)
        """

    /// The same rule computed from scratch over every live record (a record
    /// of a voided file that no live file repeats does not count): the
    /// earliest billable record per generationId (columns as in
    /// `billed_generation_firsts`). `verify` checks that the kept table equals it.
    public static let fromScratch = fromScratch(where: "")

    /// Every (org, version) of the ids billed under more than one, from scratch, over live records.
    public static let placementsFromScratch = placementsFromScratch(where: "")

    /// ``fromScratch`` for the generationIds `condition` (SQL on `generation_id`, after AND) allows.
    static func fromScratch(where condition: String) -> String {
        """
        SELECT generation_id, record_id, billed_at, month, org_id, version FROM (
            SELECT generation_id, id AS record_id, occurred_at AS billed_at, month, org_id, version,
                   row_number() OVER (PARTITION BY generation_id ORDER BY occurred_at, id) AS nth
            FROM live_response_records
            WHERE http_status = 200 AND success = 1 AND generation_id <> ''\(condition.isEmpty ? "" : " AND " + condition)
        ) WHERE nth = 1
        """
    }

    /// ``placementsFromScratch`` for the generationIds `condition` allows.
    static func placementsFromScratch(where condition: String) -> String {
        let restricted = condition.isEmpty ? "" : " AND " + condition
        return """
            SELECT DISTINCT generation_id, org_id, version FROM live_response_records
            WHERE http_status = 200 AND success = 1 AND generation_id <> ''\(restricted) AND generation_id IN (
                SELECT generation_id FROM live_response_records
                WHERE http_status = 200 AND success = 1 AND generation_id <> ''\(restricted)
                GROUP BY generation_id HAVING count(DISTINCT org_id || '/' || version) > 1)
            """
    }

    /// Applies the rule again, from the live records, to the generationIds
    /// listed in `billing_recompute`: their rows of `billed_generation_firsts`
    /// and `generation_placements` are deleted and computed again (an id
    /// with no live billable record is left out: no longer billed). Used by
    /// void and undo, inside their transaction; the trigger on
    /// `billed_generation_firsts` allows deleting exactly these ids.
    static func recomputeListed(_ db: Database) throws {
        let listed = "generation_id IN (SELECT generation_id FROM billing_recompute)"
        try db.execute(sql: "DELETE FROM generation_placements WHERE \(listed)")
        try db.execute(sql: "DELETE FROM billed_generation_firsts WHERE \(listed)")
        try db.execute(sql: "INSERT INTO billed_generation_firsts (generation_id, record_id, billed_at, month, org_id, version) \(fromScratch(where: listed))")
        try db.execute(sql: "INSERT INTO generation_placements (generation_id, org_id, version) \(placementsFromScratch(where: listed))")
    }

    /// Fills the (empty) billing tables from records stored by other means
    /// than ingest, such as a test's own INSERTs.
    public static func fillFromScratch(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO billed_generation_firsts (generation_id, record_id, billed_at, month, org_id, version) \(fromScratch)")
        try db.execute(sql: "INSERT INTO generation_placements (generation_id, org_id, version) \(placementsFromScratch)")
    }

    private let oldPlacement: ParameterBinder
    private let newPlacement: ParameterBinder
    private let earliest: ParameterBinder
    private let firstSighting: ParameterBinder
    private let storedBetween: ParameterBinder
    private let repeatedOfVoided: ParameterBinder

    init(db: Database, recordsPerSlice: Int64 = defaultRecordsPerSlice) throws {
        precondition(recordsPerSlice > 0, "a slice holds at least one record")
        self.recordsPerSlice = recordsPerSlice
        storedBetween = ParameterBinder(try db.cachedStatement(sql: Self.storedBetween), in: db)
        repeatedOfVoided = ParameterBinder(try db.cachedStatement(sql: Self.repeatedOfVoided), in: db)
        firstSighting = ParameterBinder(try db.cachedStatement(sql: Self.recordFirstSighting), in: db)
        oldPlacement = ParameterBinder(try db.cachedStatement(sql: Self.recordOldPlacement), in: db)
        newPlacement = ParameterBinder(try db.cachedStatement(sql: Self.recordNewPlacement), in: db)
        earliest = ParameterBinder(try db.cachedStatement(sql: Self.keepEarliest), in: db)
    }

    /// The billable records (rule 1) with ids in `?1 < id <= ?2`, by generationId.
    static let storedBetween = """
        SELECT generation_id, org_id, version, id, occurred_at, month FROM response_records
        WHERE id > ?1 AND id <= ?2 AND http_status = 200 AND success = 1 AND generation_id <> ''
        ORDER BY month, generation_id
        """

    /// Records sorted at a time: a file of up to this many is one sort and
    /// one pass over each billing B-tree. Slices used to be 131,072 records,
    /// so that the sort fit SQLite's sort buffer in memory; but every slice
    /// is a pass over the whole of `billed_generation_firsts_by_id`, which
    /// grows with the ledger: 8 slices of a 1M-record file into 10M ids took
    /// 5.7 s against 2.5 s for one pass (Python sqlite3, ids as the sample's).
    /// The sort now spills to a temporary file beyond the buffer (the ingest
    /// connection keeps SQLite's default `temp_store`, a file; see
    /// ``LedgerDatabase``), so memory stays flat without slices.
    static let defaultRecordsPerSlice: Int64 = 1 << 24
    private let recordsPerSlice: Int64

    /// Applies the rule to every billable record with an id above
    /// `lastIdBefore`: the records one file stored, since ids only grow.
    func applyRecords(storedAfter lastIdBefore: Int64, through lastId: Int64) throws {
        var sliceStart = lastIdBefore
        while sliceStart < lastId {
            let sliceEnd = min(lastId, sliceStart + recordsPerSlice)
            try applyRecords(after: sliceStart, through: sliceEnd)
            sliceStart = sliceEnd
        }
    }


    /// The billable records of voided files that file `?1` repeats (its
    /// `line_occurrences`), by generationId: they count again from this file on.
    static let repeatedOfVoided = """
        SELECT r.generation_id, r.org_id, r.version, r.id, r.occurred_at, r.month
        FROM line_occurrences AS o JOIN response_records AS r ON r.id = o.record_id
        WHERE o.file_id = ?1 AND o.kind = 'response'
          AND r.http_status = 200 AND r.success = 1 AND r.generation_id <> ''
          AND r.file_id IN (SELECT file_id FROM voided_files)
        ORDER BY r.month, r.generation_id
        """

    /// Applies the rule to the records of voided files that file `fileId`
    /// repeats: a line stored once by a file since voided is live again
    /// when a new file holds it. (Applying the rule to a record that was
    /// live already changes nothing: the rule keeps the earliest.) Nothing
    /// to do, and one look-up, while no file was ever voided.
    func applyRepeatedRecordsOfVoidedFiles(repeatedBy fileId: Int64, _ db: Database) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM file_voids)") == true else { return }
        repeatedOfVoided.bind(1, fileId)
        try apply(repeatedOfVoided)
    }

    private func applyRecords(after first: Int64, through last: Int64) throws {
        storedBetween.bind(1, first)
        storedBetween.bind(2, last)
        try apply(storedBetween)
    }

    /// The page cache while a sort starts, in KiB. SQLite sizes a sort's runs
    /// in memory by the page cache's size at the moment the sort starts
    /// (then spills them to a temporary file and merges): with the ingest
    /// cache's 32 MiB, one sort of a 1M-record file took peak memory from
    /// 79 to 108 MB. The cache is this small for the sort's first step only
    /// (while the file's billable rows go into the sort), and back to its
    /// size before the rule writes a row.
    static let sortStartCacheKiB = 8192

    /// The helper threads SQLite's sorter may use for billing's sort and a
    /// deferred index (``DeferredIndex``), set for those steps only. With one,
    /// a finished run of rows is sorted on the second core while the first
    /// goes on reading records into the next: when the file's lines are all
    /// parsed, the parsing thread has nothing left to do, and these sorts ran
    /// on one core. A new ledger's first file of 1,000,000 records took
    /// 0.87 × as long (35.3 and 35.7 s against 40.5 and 41.0 s, interleaved
    /// runs, one session), for 9 MB more peak memory (90 MiB against 82):
    /// each thread sorts a run of its own. Two helpers gained no more on two
    /// cores and took the peak to 98 MiB. The sort is by (month, generationId)
    /// and the rule keeps the earliest of an id's records whatever the order
    /// in which its ties come, so the rows written do not depend on it.
    static let sortHelperThreads = 1

    /// Runs `records` (bound; columns: generation, org, version, record id, time, month) and applies the rule to each row.
    private func apply(_ records: ParameterBinder) throws {
        defer { sqlite3_reset(records.statement) }
        let select = records.statement
        let cacheSize = Int(sqlite3_column_int64_of(records.connection, sql: "PRAGMA cache_size") ?? -32768)
        sqlite3_exec(records.connection, "PRAGMA cache_size = -\(Self.sortStartCacheKiB)", nil, nil, nil)
        var sortStarted = false
        defer { if !sortStarted { sqlite3_exec(records.connection, "PRAGMA cache_size = \(cacheSize)", nil, nil, nil) } }
        while true {
            let code = sqlite3_step(select)
            if !sortStarted {
                sortStarted = true
                sqlite3_exec(records.connection, "PRAGMA cache_size = \(cacheSize)", nil, nil, nil)
            }
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw records.error(code) }
            // Columns 0-5 are the generation, org, version, record id, time and month, bound as they are.
            // Most ids are new: one insert settles them. Only a replay of a known id needs the rest.
            firstSighting.bindColumns(6, of: select)
            guard try firstSighting.run() == 0 else { continue }
            for statement in [oldPlacement, newPlacement] {
                statement.bindColumns(3, of: select)
                _ = try statement.run()
            }
            earliest.bindColumns(6, of: select)
            _ = try earliest.run()
        }
    }
}

/// The first column of the first row of `sql` as an integer, or nil.
private func sqlite3_column_int64_of(_ connection: OpaquePointer, sql: String) -> Int64? {
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK, let statement else { return nil }
    defer { sqlite3_finalize(statement) }
    return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : nil
}
