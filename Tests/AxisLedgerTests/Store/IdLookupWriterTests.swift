import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// The id lookup (`id_lookup`, read through `record_ids`) holds every id of
/// every record exactly once, whatever the segment size, for ledgers made
/// by ingest and for ledgers migrated from before it existed.
struct IdLookupWriterTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    /// 9 response records (one a replay of gen_2 under another request, one a 402 without a
    /// generation) and 4 request-log lines, in two files.
    private func files() throws -> [String] {
        var responses: [String] = []
        for n in 0..<7 {
            responses.append(SampleLines.success("2026-10-0\(n + 1)T10:00:00.000Z", key: "key-\(n)", request: "req_\(n)", generation: "gen_\(n)"))
        }
        responses.append(SampleLines.success("2026-10-08T10:00:00.000Z", key: "key-2", request: "req_replay", generation: "gen_2"))
        responses.append(SampleLines.insufficientBalance("2026-10-09T10:00:00.000Z", key: "key-402", request: "req_3"))
        let attempts = (0..<4).map { SampleLines.attempt("2026-10-0\($0 + 1)T09:59:59.000Z", request: "req_\($0)") }
        return [try folder.write("responses.jsonl", responses.joined(separator: "\n") + "\n"),
                try folder.write("requests.jsonl", attempts.joined(separator: "\n") + "\n")]
    }

    private func ledger(segmentSize: Int64, name: String) throws -> LedgerDatabase {
        let ledger = try LedgerDatabase(path: folder.path(name))
        var options = IngestOptions()
        options.idSegmentSize = segmentSize
        for path in try files() {
            #expect(Ingestor(ledger: ledger, options: options).ingest(path: path).outcome == .ingested)
        }
        return ledger
    }

    private func lookup(_ ledger: LedgerDatabase) throws -> [[String]] {
        try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, id_column, record_table, record_id, file_id FROM record_ids ORDER BY 1, 2, 3, 4")
                .map { row in (0..<5).map { row[$0] as DatabaseValue }.map { "\($0)" } }
        }
    }

    @Test(arguments: [1, 2, 4, 1000] as [Int64])
    func theSegmentSizeChangesNothingAReaderSees(segmentSize: Int64) throws {
        let reference = try lookup(try ledger(segmentSize: IdLookupWriter.recordsPerSegment, name: "reference.sqlite"))
        let sliced = try ledger(segmentSize: segmentSize, name: "sliced.sqlite")
        #expect(try lookup(sliced) == reference)
        // 9 records with 3 ids each but the 402 (no generation): 26; 4 request-log lines with 2 each: 8.
        #expect(reference.count == 34)
        let segments = try sliced.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM id_lookup_segments") }
        let perFile = { (records: Int64) in Int((records + segmentSize - 1) / segmentSize) }
        #expect(segments == perFile(9) + perFile(4))
        let failed = try LedgerVerifier(ledger: sliced).run().filter { !$0.passed }
        #expect(failed.isEmpty, "\(failed)")
    }

    /// Segments are written while the file's lines are stored, between batches, once records fill
    /// them; the last, partly filled ones when it ends. A file of many batches, its response
    /// records and request-log lines mixed, gets the lookup a file written at its end would.
    @Test(arguments: [100, 300, 4096] as [Int64])
    func segmentsWrittenWhileAFileIsStoredHoldWhatOneWriteAtItsEndWould(segmentSize: Int64) throws {
        var lines: [String] = []
        for n in 0..<1_500 {
            let time = "2026-10-\(String(format: "%02d", n % 28 + 1))T10:00:\(String(format: "%02d", n % 60)).000Z"
            lines.append(SampleLines.success(time, key: "key-\(n)", request: "req_\(n)", generation: "gen_\(n % 1_400)"))
            if n % 3 == 0 { lines.append(SampleLines.attempt(time, request: "req_\(n)")) }
        }
        let file = try folder.write("mixed.jsonl", lines.joined(separator: "\n") + "\n")
        func ingested(_ size: Int64, _ name: String) throws -> LedgerDatabase {
            let ledger = try LedgerDatabase(path: folder.path(name))
            var options = IngestOptions()
            options.idSegmentSize = size
            #expect(Ingestor(ledger: ledger, options: options).ingest(path: file).outcome == .ingested)
            return ledger
        }
        let reference = try lookup(try ingested(1 << 40, "whole.sqlite"))
        let segmented = try ingested(segmentSize, "segmented.sqlite")
        #expect(try lookup(segmented) == reference)
        #expect(reference.count == 1_500 * 3 + 500 * 2)
        let segments = try segmented.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.record_table, count(DISTINCT l.segment) AS n FROM id_lookup AS l GROUP BY 1 ORDER BY 1
                """).map { "\($0["record_table"] as Int) \($0["n"] as Int)" }
        }
        let perTable = { (records: Int64) in (records + segmentSize - 1) / segmentSize }
        #expect(segments == ["0 \(perTable(1_500))", "1 \(perTable(500))"])
        let failed = try LedgerVerifier(ledger: segmented).run().filter { !$0.passed }
        #expect(failed.isEmpty, "\(failed)")
    }

    @Test func anIdIsFoundInEveryRecordAndColumnThatHoldsIt() throws {
        let ledger = try ledger(segmentSize: 3, name: "ledger.sqlite")
        let found = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT x.id_column, x.record_table, coalesce(r.line_number, a.line_number) AS line FROM record_ids AS x
                LEFT JOIN response_records AS r ON x.record_table = 'response_records' AND r.id = x.record_id
                LEFT JOIN request_attempts AS a ON x.record_table = 'request_attempts' AND a.id = x.record_id
                WHERE x.id IN ('gen_2', 'req_3', 'key-2') ORDER BY 1, 2, 3
                """).map { "\($0["id_column"] as String) \($0["record_table"] as String) \($0["line"] as Int)" }
        }
        #expect(found == [
            "generation_id response_records 3", "generation_id response_records 8",
            "idempotency_key response_records 3", "idempotency_key response_records 8",
            "request_id request_attempts 4", "request_id response_records 4", "request_id response_records 9",
        ])
    }

    /// The lookup is answered by one primary-key seek per segment, not a scan of it.
    @Test func aLookupSeeksEachSegmentByItsKey() throws {
        let ledger = try ledger(segmentSize: 2, name: "ledger.sqlite")
        let plan = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT * FROM record_ids WHERE id = ?", arguments: ["gen_1"]).map { $0["detail"] as String }
        }
        #expect(plan == ["SCAN s", "SEARCH l USING PRIMARY KEY (segment=? AND id=?)"])
    }

    /// Migration 0011 fills the lookup of a ledger made before it, one segment per file.
    @Test func aLedgerFromBeforeTheLookupIsFilledByTheMigration() throws {
        let path = folder.path("old.sqlite")
        let expected: [[String]]
        do {
            let ledger = try LedgerDatabase(path: path)
            for file in try files() { _ = Ingestor(ledger: ledger).ingest(path: file) }
            expected = try lookup(ledger)
            // What a ledger of schema version 10 is: none of 0011's objects (0012, applied
            // again after 0011, leaves its rows as they are: their line hashes are already month-led).
            try ledger.queue.write { db in
                try db.execute(sql: """
                    DROP VIEW record_ids; DROP TABLE id_lookup; DROP TABLE id_lookup_segments;
                    DELETE FROM schema_migrations WHERE version >= 11; PRAGMA user_version = 10;
                    """)
            }
        }
        let migrated = try LedgerDatabase(path: path)
        #expect(try migrated.schemaVersion() == SchemaMigrator.latestVersion)
        #expect(try lookup(migrated) == expected)
        #expect(try migrated.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM id_lookup_segments") } == 2)
        let failed = try LedgerVerifier(ledger: migrated).run().filter { !$0.passed }
        #expect(failed.isEmpty, "\(failed)")
    }
}
