import Foundation
import GRDB
import LedgerMigrations
import Testing
@testable import AxisLedger

/// migrations/0012_month_led_keys.sql on a ledger made by schema version 11:
/// every view keeps every row, the records' line hashes become what ingest
/// now writes (so a line stored before is still refused), and
/// `billed_generation_firsts` keeps its rows under its new key.
struct MonthLedKeysMigrationTests {
    let folder: TemporaryDirectory

    init() throws {
        folder = try TemporaryDirectory()
    }

    /// A generated sample of three months, bad lines included, and a second
    /// file repeating some of its lines: records, duplicates, rejects, 402s
    /// and billed generations in every month.
    private func ingestedSample(into ledger: LedgerDatabase) throws -> (responses: URL, lines: [String]) {
        let sampleFolder = folder.url.appendingPathComponent("sample")
        try FileManager.default.createDirectory(at: sampleFolder, withIntermediateDirectories: true)
        let sample = try SampleGenerator(configuration: SampleConfiguration(records: 3_000, seed: 12, withBadLines: true))
            .write(to: sampleFolder)
        for file in [sample.responsesFile, sample.requestsFile] {
            #expect(Ingestor(ledger: ledger).ingest(path: file.path).outcome == .ingested)
        }
        let lines = try String(contentsOf: sample.responsesFile, encoding: .utf8).split(separator: "\n").map(String.init)
        let repeats = try folder.write("repeats.jsonl", lines.prefix(200).joined(separator: "\n") + "\n")
        #expect(Ingestor(ledger: ledger).ingest(path: repeats).duplicates > 0)
        return (sample.responsesFile, lines)
    }

    /// The same ledger as schema version 11 left it: migrations 1 to 11 applied as the
    /// migrator did, then every row of `current` copied, the records' line hashes as 11
    /// wrote them (the 16 bytes of the SHA-256 alone).
    private func ledgerAtVersion11(copying current: String, to path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.inTransaction {
                try db.execute(sql: "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
                for migration in EmbeddedMigrations.all where migration.version < 12 {
                    try db.execute(sql: migration.sql)
                    try db.execute(sql: "INSERT INTO schema_migrations VALUES (?, ?, '2026-11-01T00:00:00.000Z')", arguments: [migration.version, migration.name])
                    try db.execute(sql: "PRAGMA user_version = \(migration.version)")
                }
                return .commit
            }
            try db.execute(sql: "ATTACH DATABASE ? AS current", arguments: [current])
            try db.inTransaction {
                let tables = try String.fetchAll(db, sql: """
                    SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'
                    ORDER BY name
                    """)
                for table in tables {
                    let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                    let selected = columns.map { column in
                        ["response_records", "request_attempts"].contains(table) && column == "line_hash" ? "substr(line_hash, 8)" : column
                    }
                    try db.execute(sql: "INSERT INTO main.\(table) (\(columns.joined(separator: ", "))) SELECT \(selected.joined(separator: ", ")) FROM current.\(table)")
                }
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE current")
        }
        try queue.close()
        try LedgerIdentity.stamp(try DatabaseQueue(path: path))
    }

    /// Every row of every view, and of the record and billing tables, as text, in a fixed order.
    private func everything(_ path: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name")
                + ["billed_generation_firsts", "generation_placements", "id_lookup", "line_occurrences", "rejected_lines"]
            var contents: [String: [String]] = [:]
            for name in names {
                // line_hash is internal, and rewritten by the migration: compared on its own below.
                let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) WHERE name <> 'line_hash'", arguments: [name])
                contents[name] = try Row.fetchAll(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(name)")
                    .map { row in row.databaseValues.map { "\($0)" }.joined(separator: "|") }.sorted()
            }
            return contents
        }
    }

    @Test func everyViewKeepsItsRowsAndStoredLinesAreStillRecognised() throws {
        let currentPath = folder.path("current.sqlite")
        let current = try LedgerDatabase(path: currentPath)
        let (_, lines) = try ingestedSample(into: current)
        let oldPath = folder.path("old.sqlite")
        try ledgerAtVersion11(copying: currentPath, to: oldPath)

        let before = try everything(oldPath)
        #expect((before["billed_generations"]?.count ?? 0) > 1_000)
        #expect((before["events_402"]?.count ?? 0) > 0)
        #expect((before["rejected_lines"]?.count ?? 0) > 0)
        #expect((before["line_occurrences"]?.count ?? 0) > 0)
        let migrated = try LedgerDatabase(path: oldPath)
        #expect(try migrated.schemaVersion() == 12)
        let after = try everything(oldPath)
        #expect(after.keys.sorted() == before.keys.sorted())
        for name in before.keys.sorted() {
            #expect(after[name] == before[name], "\(name) changed in the migration")
        }

        // The line hashes are those ingest writes now, byte for byte.
        let hashes = { (path: String, table: String) in
            try DatabaseQueue(path: path).read { db in try Data.fetchAll(db, sql: "SELECT line_hash FROM \(table) ORDER BY id") }
        }
        for table in ["response_records", "request_attempts"] {
            let migratedHashes = try hashes(oldPath, table)
            #expect(migratedHashes == (try hashes(currentPath, table)), "\(table)")
            #expect(migratedHashes.allSatisfy { $0.count == 23 })
            // A BLOB, as ingest binds it: the same bytes as TEXT would never be equal to it.
            let types = try DatabaseQueue(path: oldPath).read { db in try String.fetchAll(db, sql: "SELECT DISTINCT typeof(line_hash) FROM \(table)") }
            #expect(types == ["blob"], "\(table)")
        }

        // A new file holding the stored lines and one new line: only the new line is stored.
        let newLine = SampleLines.success("2026-10-15T10:00:00.000Z", key: "key-new", request: "req_new", generation: "gen_new")
        let again = try folder.write("again.jsonl", ([newLine] + lines).joined(separator: "\n") + "\n")
        let report = Ingestor(ledger: migrated).ingest(path: again)
        let stored = try migrated.queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM response_records WHERE file_id = (SELECT max(id) FROM ingested_files)") }
        #expect(report.accepted == 1 && stored == 1, "\(report)")
        #expect(report.duplicates + report.rejected + report.blank == lines.count, "\(report)")
        let failed = try LedgerVerifier(ledger: migrated).run().filter { !$0.passed }
        #expect(failed.isEmpty, "\(failed)")
    }

    @Test func billedGenerationsAreKeyedByMonthWithEachIdOnceInTheLedger() throws {
        let ledger = try LedgerDatabase(path: folder.path("ledger.sqlite"))
        // The same generation in October and, replayed, on the 1st of November: billed once, in October.
        let lines = [
            SampleLines.success("2026-11-01T00:10:00.000Z", key: "k1", request: "req_2", generation: "gen_a"),
            SampleLines.success("2026-10-31T23:50:00.000Z", key: "k1", request: "req_1", generation: "gen_a"),
            SampleLines.success("2026-11-02T10:00:00.000Z", key: "k2", request: "req_3", generation: "gen_b"),
        ]
        let file = try folder.write("r.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(Ingestor(ledger: ledger).ingest(path: file).accepted == 3)
        let billed = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT month, generation_id FROM billed_generation_firsts ORDER BY month, generation_id")
                .map { "\($0[0] as String) \($0[1] as String)" }
        }
        #expect(billed == ["2026-10 gen_a", "2026-11 gen_b"])
        // November's record first, in a file of its own, then October's: the row moves to October.
        let moved = try LedgerDatabase(path: folder.path("moved.sqlite"))
        for (name, line) in [("nov.jsonl", lines[0]), ("oct.jsonl", lines[1])] {
            #expect(Ingestor(ledger: moved).ingest(path: try folder.write(name, line + "\n")).accepted == 1)
        }
        let movedRows = try moved.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT month, generation_id, billed_at FROM billed_generation_firsts")
                .map { "\($0[0] as String) \($0[1] as String) \($0[2] as String)" }
        }
        #expect(movedRows == ["2026-10 gen_a 2026-10-31T23:50:00.000Z"])
        #expect(try LedgerVerifier(ledger: moved).run().allSatisfy(\.passed))
        let plan = try ledger.queue.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT month FROM billed_generation_firsts WHERE generation_id = 'gen_a'")
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("billed_generation_firsts_by_id") }, "\(plan)")
        #expect(try LedgerVerifier(ledger: ledger).run().allSatisfy(\.passed))
    }
}
