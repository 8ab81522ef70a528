import Foundation
import GRDB
@testable import AxisLedger

/// A small ledger on disk, filled through a writable connection that is
/// closed again before the test reads it, as after an ingest.
///
/// Contents (read the INSERTs, not the code under test, for expected values):
/// - file 1 `jan.jsonl`;
/// - response 1: org_acme v1 200 success gen_1, 2025-01-05, 1200 ms;
/// - response 2: org_acme v1 200 success gen_2, 2025-01-06, duration NULL;
/// - response 3: org_beta v2 402 insufficient_balance, 2025-01-07, prompt with a comma, quote and newline.
final class QueryTestLedger {
    let directory: TemporaryDirectory
    let path: String

    init() throws {
        directory = try TemporaryDirectory()
        path = directory.path("ledger.sqlite")
        let writer = try LedgerDatabase(path: path)
        try writer.queue.write { db in
            try db.execute(sql: """
                INSERT INTO ingested_files (id, path, format, forced_kind, compressed, size_bytes, sha256,
                    lines_read, blank, accepted, duplicates, rejected, ingested_at)
                VALUES (1, 'jan.jsonl', 'jsonl', NULL, 0, 300, 'aa11', 3, 0, 3, 0, 0, '2025-02-01T00:00:00.000Z');
                INSERT INTO response_records (id, file_id, line_number, line_hash, occurred_at, month, org_id,
                    endpoint, version, http_status, request_id, duration_ms, success, generation_id, error_code, prompt)
                VALUES
                    (1, 1, 1, x'01', '2025-01-05T10:00:00.000Z', '2025-01', 'org_acme', '/v1/images', 'v1', 200, 'req_1', 1200, 1, 'gen_1', NULL, 'a cat'),
                    (2, 1, 2, x'02', '2025-01-06T10:00:00.000Z', '2025-01', 'org_acme', '/v1/images', 'v1', 200, 'req_2', NULL, 1, 'gen_2', NULL, 'a dog'),
                    (3, 1, 3, x'03', '2025-01-07T10:00:00.000Z', '2025-01', 'org_beta', '/v2/images', 'v2', 402, 'req_3', 80, 0, NULL, 'insufficient_balance', 'say "hi", then
                go');
                """)
            // Rows inserted by hand, not by ingest: apply the billing rule as verify computes it, and fill the id lookup.
            try BilledGenerationWriter.fillFromScratch(db)
            try IdLookupWriter.fillFromScratch(db)
        }
    }

    /// The ledger as the `sql` command opens it.
    func readOnly() throws -> LedgerDatabase {
        try LedgerDatabase(path: path, readOnly: true)
    }

    /// The bytes of the database file and of its WAL. A missing WAL counts
    /// as an empty one: any connection to a WAL database, a read-only one
    /// included (and `sqlite3 -readonly`), creates the empty file on opening.
    func fileBytes() -> [String: Data] {
        [path: FileManager.default.contents(atPath: path) ?? Data(),
         path + "-wal": FileManager.default.contents(atPath: path + "-wal") ?? Data()]
    }
}
