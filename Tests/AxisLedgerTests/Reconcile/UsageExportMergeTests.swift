import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// The usage export merged with the ledger in id order (UsageExportComparison)
/// against the comparison it replaced, kept below as the reference: the same
/// SQL joins over keyed temporary tables. Random small ledgers and exports,
/// with ids that sort differently by bytes than by Swift's String order,
/// must give exactly the reference's summary and discrepancies.
struct UsageExportMergeTests {
    /// Ids whose byte order is not Swift's: a prefix ("g1" < "g10"), upper case before lower,
    /// and "é" precomposed and decomposed, which Swift's `==` calls equal and SQLite does not.
    static let ids = ["g1", "g10", "g2", "G1", "gZ", "ga", "g\u{E9}", "ge\u{301}", "g\u{FC}x", "g~", "g-9", "gnew"]
    static let months = ["2026-09", "2026-10", "2026-11"]

    typealias Generator = SeededGenerator

    static func time(_ random: inout Generator) -> String {
        let month = months.randomElement(using: &random)!
        let day = month == "2026-09" ? 30 : Int.random(in: 1...28, using: &random)
        return "\(month)-\(String(format: "%02d", day))T\(String(format: "%02d", Int.random(in: 0...23, using: &random))):00:\(String(format: "%02d", Int.random(in: 0...59, using: &random))).000Z"
    }

    @Test(arguments: 0..<120)
    func theMergeFindsExactlyWhatTheJoinsFound(seed: Int) throws {
        var random = Generator(seed: UInt64(seed) &* 7919 &+ 13)
        let fixture = try ReconcileFixture()
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            var lines: [String] = []
            for n in 0..<Int.random(in: 0...14, using: &random) {
                let id = Self.ids.randomElement(using: &random)!
                let org = ["org_a", "org_b"].randomElement(using: &random)!
                let at = Self.time(&random)
                if Int.random(in: 0..<4, using: &random) == 0 {
                    lines.append(ReconcileFixture.failure(id, status: [402, 500].randomElement(using: &random)!,
                                                          code: "code\(n)", org: org, at: at))
                } else {
                    lines.append(ReconcileFixture.success(id, org: org, version: Bool.random(using: &random) ? .v1 : .v2, at: at))
                }
            }
            if !lines.isEmpty { try fixture.ingest(lines) }
        }
        if Int.random(in: 0..<5, using: &random) == 0,
           let file = try fixture.ledger.queue.read({ db in try Int64.fetchOne(db, sql: "SELECT min(id) FROM ingested_files") }) {
            _ = try FileVoider(ledger: fixture.ledger).void(fileId: file, reason: "test", actor: "tester")
        }
        var export = [UsageExportComparisonTests.header]
        for _ in 0..<Int.random(in: 0...16, using: &random) {
            export.append([Self.ids.randomElement(using: &random)!, ["org_a", "org_b"].randomElement(using: &random)!,
                           ["v1", "v2"].randomElement(using: &random)!, Self.time(&random)].joined(separator: ","))
        }
        let path = try fixture.write("usage.csv", export)
        let merged = try UsageExportComparison.compare(exportAt: path, ledger: fixture.ledger, month: "2026-10")
        let reference = try ReferenceUsageExportComparison.compare(exportAt: path, ledger: fixture.ledger, month: "2026-10")
        #expect(merged.summary == reference.summary)
        #expect(merged.discrepancies.sorted(by: ReconciliationDiscrepancy.ordered) == reference.discrepancies.sorted(by: ReconciliationDiscrepancy.ordered),
                "seed \(seed):\n\(export.joined(separator: "\n"))")
    }

    /// Never-billed ids are worded from their latest live record, looked up by id or found in one pass.
    @Test func lookupsAndOnePassFindTheSameLatestRecords() throws {
        let fixture = try ReconcileFixture()
        try fixture.ingest([
            ReconcileFixture.failure("g500", status: 500, code: "internal_error", at: "2026-10-03T11:00:00.000Z"),
            ReconcileFixture.failure("g500", status: 503, code: "unavailable", at: "2026-10-03T12:00:00.000Z"),
            ReconcileFixture.failure("g402", status: 402, code: "insufficient_balance"),
            ReconcileFixture.failure("gvoid", status: 500, code: "internal_error"),
        ])
        try fixture.ingest([ReconcileFixture.failure("gvoid", status: 402, code: "insufficient_balance", at: "2026-10-05T00:00:00.000Z")])
        _ = try FileVoider(ledger: fixture.ledger).void(fileId: 2, reason: "test", actor: "tester")
        let ids = ["g500", "g402", "gvoid", "gnone"]
        // inDatabase, as reconcile runs: the one pass fills a temporary table, which a read-only transaction may not.
        let (lookups, scan, chosen) = try fixture.ledger.queue.inDatabase { db in
            (try UnbilledRecords.latest(of: ids, in: db, by: .lookups), try UnbilledRecords.latest(of: ids, in: db, by: .scan),
             try UnbilledRecords.method(for: ids.count, in: db))
        }
        #expect(lookups == scan)
        #expect(lookups.keys.sorted() == ["g402", "g500", "gvoid"])
        #expect(lookups["g500"]?.hasPrefix("not billed: HTTP 503 unavailable at 2026-10-03T12:00:00.000Z (") == true)
        #expect(lookups["gvoid"]?.hasPrefix("not billed: HTTP 500 internal_error at ") == true)
        // 4 ids × 2 lookup segments against 5 records: one pass costs less.
        #expect(chosen == .scan)
        #expect(try fixture.ledger.queue.read { db in try UnbilledRecords.method(for: 2, in: db) } == .lookups)
    }
}

/// The comparison as it was before the merge: the export sorted into a keyed
/// temporary table, the ledger's billing of every listed id into another, and
/// one SQL join per kind of difference.
struct ReferenceUsageExportComparison {
    var summary: UsageExportComparison.Summary
    var discrepancies: [ReconciliationDiscrepancy]

    /// Streams the export at `path` into the ledger's connection and compares it for `month`.
    /// - Throws: ``ProviderFileError`` for bad rows, `DatabaseError` from SQLite.
    static func compare(exportAt path: String, ledger: LedgerDatabase, month: String) throws -> ReferenceUsageExportComparison {
        try ledger.queue.inDatabase { db in
            defer { try? dropTables(db) }
            try dropTables(db)
            try db.execute(sql: """
                CREATE TEMP TABLE reconcile_export_rows (
                    generation_id TEXT NOT NULL, org_id TEXT NOT NULL, version TEXT NOT NULL,
                    billed_at TEXT NOT NULL, month TEXT NOT NULL, line INTEGER NOT NULL
                );
                CREATE TEMP TABLE reconcile_export (
                    generation_id TEXT PRIMARY KEY, org_id TEXT NOT NULL, version TEXT NOT NULL,
                    billed_at TEXT NOT NULL, month TEXT NOT NULL,
                    first_line INTEGER NOT NULL, last_line INTEGER NOT NULL, listed INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE TEMP TABLE reconcile_ledger (
                    generation_id TEXT PRIMARY KEY, org_id TEXT NOT NULL, version TEXT NOT NULL,
                    billed_at TEXT NOT NULL, month TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
            var rows = 0, rowsInMonth = 0
            let loaded: (format: ProviderUsageExportReader.Format, sha256: String)
            do {
                try db.execute(sql: "BEGIN")
                // Rows are appended as read; keyed by generation id in file order, each
                // insert would land on a random page of the temporary table.
                let insert = try db.makeStatement(sql: "INSERT INTO temp.reconcile_export_rows VALUES (?, ?, ?, ?, ?, ?)")
                loaded = try ProviderUsageExportReader(path: path).forEachRow { row in
                    rows += 1
                    let rowMonth = row.billedAt.month
                    if rowMonth == month { rowsInMonth += 1 }
                    try insert.execute(arguments: [row.generationId, row.orgId, row.version.rawValue,
                                                   row.billedAt.iso8601, rowMonth, row.line])
                }
                // One row per id, in id order: the first listing gives its org, version and time,
                // the others are counted. (A GROUP BY with bare columns would not do: beside both
                // min(line) and max(line), SQLite may take them from either row.)
                try db.execute(sql: """
                    INSERT INTO temp.reconcile_export
                    SELECT generation_id, org_id, version, billed_at, month, line, last_line, listed FROM (
                        SELECT generation_id, org_id, version, billed_at, month, line,
                               row_number() OVER (PARTITION BY generation_id ORDER BY line) AS nth,
                               max(line) OVER (PARTITION BY generation_id) AS last_line,
                               count(*) OVER (PARTITION BY generation_id) AS listed
                        FROM temp.reconcile_export_rows)
                    WHERE nth = 1 ORDER BY generation_id;
                    DROP TABLE temp.reconcile_export_rows;
                    """)
                try db.execute(sql: "COMMIT")
            } catch {
                try? db.execute(sql: "ROLLBACK")
                throw error
            }
            // The ledger's side: what it billed of every id the export lists (looked up in id order),
            // then the rest of the month (sorted by id). Taken as one query with OR, the rows came
            // in no useful order and each insert landed on a random page of the temporary table.
            try db.execute(sql: """
                INSERT INTO temp.reconcile_ledger
                SELECT b.generation_id, b.org_id, b.version, b.billed_at, b.month
                FROM temp.reconcile_export AS p CROSS JOIN billed_generations AS b ON b.generation_id = p.generation_id
                ORDER BY p.generation_id;
                INSERT OR IGNORE INTO temp.reconcile_ledger
                SELECT generation_id, org_id, version, billed_at, month FROM billed_generations
                WHERE month = ?1 ORDER BY generation_id
                """, arguments: [month])
            var found: [ReconciliationDiscrepancy] = []
            found += try onlyInLedger(db, month: month, exportName: URL(fileURLWithPath: path).lastPathComponent)
            found += try placementDiffers(db, month: month)
            found += try duplicates(db, month: month)
            found += try onlyByProvider(db, month: month)
            let summary = UsageExportComparison.Summary(
                fileName: URL(fileURLWithPath: path).lastPathComponent, sha256: loaded.sha256, format: loaded.format,
                rows: rows, rowsInMonth: rowsInMonth,
                generationsInMonth: try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.reconcile_export WHERE month = ?", arguments: [month]) ?? 0,
                ledgerGenerations: try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.reconcile_ledger WHERE month = ?", arguments: [month]) ?? 0)
            return ReferenceUsageExportComparison(summary: summary, discrepancies: found)
        }
    }

    private static func dropTables(_ db: Database) throws {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.reconcile_export_rows;
            DROP TABLE IF EXISTS temp.reconcile_export;
            DROP TABLE IF EXISTS temp.reconcile_ledger;
            DROP TABLE IF EXISTS temp.reconcile_unbilled;
            """)
    }

    /// Billed in the month by the ledger, not listed in the export at all.
    private static func onlyInLedger(_ db: Database, month: String, exportName: String) throws -> [ReconciliationDiscrepancy] {
        try Row.fetchAll(db, sql: """
            SELECT l.generation_id, l.org_id, l.version, l.billed_at FROM temp.reconcile_ledger AS l
            WHERE l.month = ? AND NOT EXISTS (SELECT 1 FROM temp.reconcile_export AS p WHERE p.generation_id = l.generation_id)
            ORDER BY l.org_id, l.version, l.generation_id
            """, arguments: [month]).map { row in
            ReconciliationDiscrepancy(kind: .billedOnlyInLedger, orgId: row["org_id"], version: row["version"], reference: row["generation_id"],
                                      ledger: .text("billed at \(row["billed_at"] as String)"), provider: .text("not listed"),
                                      difference: .count(-1), detail: "not in \(exportName)")
        }
    }

    /// Listed on both sides, with another org, version or month; one row per field that differs.
    private static func placementDiffers(_ db: Database, month: String) throws -> [ReconciliationDiscrepancy] {
        var found: [ReconciliationDiscrepancy] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT p.generation_id, p.org_id AS p_org, p.version AS p_version, p.month AS p_month, p.billed_at AS p_at, p.first_line,
                   l.org_id, l.version, l.month, l.billed_at
            FROM temp.reconcile_export AS p JOIN temp.reconcile_ledger AS l ON l.generation_id = p.generation_id
            WHERE (p.month = ?1 OR l.month = ?1) AND (p.org_id <> l.org_id OR p.version <> l.version OR p.month <> l.month)
            """, arguments: [month]) {
            let id: String = row["generation_id"]
            let detail = "ledger billed it at \(row["billed_at"] as String), the export at \(row["p_at"] as String) (line \(row["first_line"] as Int))"
            let org: String = row["org_id"], version: String = row["version"]
            for (kind, ledgerColumn, providerColumn) in [(ReconciliationDiscrepancy.Kind.orgDiffers, "org_id", "p_org"),
                                                         (.versionDiffers, "version", "p_version"), (.monthDiffers, "month", "p_month")] {
                let ledgerValue: String = row[ledgerColumn], providerValue: String = row[providerColumn]
                if ledgerValue != providerValue {
                    found.append(ReconciliationDiscrepancy(kind: kind, orgId: org, version: version, reference: id,
                                                           ledger: .text(ledgerValue), provider: .text(providerValue), detail: detail))
                }
            }
        }
        return found
    }

    /// Listed more than once: each extra listing is a generation billed twice.
    private static func duplicates(_ db: Database, month: String) throws -> [ReconciliationDiscrepancy] {
        try Row.fetchAll(db, sql: """
            SELECT p.generation_id, p.org_id, p.version, p.listed, p.first_line, p.last_line, l.billed_at
            FROM temp.reconcile_export AS p LEFT JOIN temp.reconcile_ledger AS l ON l.generation_id = p.generation_id
            WHERE p.listed > 1 AND (p.month = ?1 OR l.month = ?1)
            """, arguments: [month]).map { row in
            let listed: Int = row["listed"]
            let billedAt: String? = row["billed_at"]
            let lines = listed == 2 ? "lines \(row["first_line"] as Int) and \(row["last_line"] as Int)"
                                    : "lines \(row["first_line"] as Int) to \(row["last_line"] as Int)"
            return ReconciliationDiscrepancy(kind: .duplicateInExport, orgId: row["org_id"], version: row["version"], reference: row["generation_id"],
                                             ledger: .text(billedAt.map { "billed once at \($0)" } ?? "never billed"),
                                             provider: .count(listed), difference: .count(listed - 1),
                                             detail: "listed \(listed) times (\(lines))")
        }
    }

    /// Listed in the month, never billed by the ledger in any month, with what the ledger knows of the id.
    private static func onlyByProvider(_ db: Database, month: String) throws -> [ReconciliationDiscrepancy] {
        try db.execute(sql: """
            CREATE TEMP TABLE reconcile_unbilled AS
            SELECT p.generation_id, p.org_id, p.version, p.billed_at, p.first_line FROM temp.reconcile_export AS p
            WHERE p.month = ? AND NOT EXISTS (SELECT 1 FROM temp.reconcile_ledger AS l WHERE l.generation_id = p.generation_id)
            """, arguments: [month])
        let unbilled = try Row.fetchAll(db, sql: "SELECT * FROM temp.reconcile_unbilled")
        guard !unbilled.isEmpty else { return [] }
        // The ledger's latest record of each id, if any (one pass over the response records).
        var known: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT r.generation_id, r.http_status, r.success, r.error_code, r.occurred_at, f.path, r.line_number
            FROM live_response_records AS r JOIN ingested_files AS f ON f.id = r.file_id
            WHERE r.generation_id IN (SELECT generation_id FROM temp.reconcile_unbilled)
            ORDER BY r.generation_id, r.occurred_at DESC, r.id DESC
            """) {
            let id: String = row["generation_id"]
            guard known[id] == nil else { continue }
            let status: Int = row["http_status"]
            let success: Int? = row["success"]
            let code: String? = row["error_code"]
            var what = "HTTP \(status)"
            if let code { what += " \(code)" }
            if status == 200, success != 1 { what += " without success" }
            known[id] = "not billed: \(what) at \(row["occurred_at"] as String) (\(row["path"] as String):\(row["line_number"] as Int))"
        }
        return unbilled.map { row in
            let id: String = row["generation_id"]
            return ReconciliationDiscrepancy(kind: .billedOnlyByProvider, orgId: row["org_id"], version: row["version"], reference: id,
                                             ledger: .text(known[id] ?? "no record of this generation id"),
                                             provider: .text("billed at \(row["billed_at"] as String)"),
                                             difference: .count(1), detail: "export line \(row["first_line"] as Int)")
        }
    }
}
