import Foundation
import GRDB

/// The provider's usage export beside the ledger's billed generations, one
/// generation at a time, as a merge of two streams sorted by generation id.
///
/// The export is appended to a TEMP table of the ledger's connection as it is
/// read (the temp database stays writable when the ledger is opened
/// read-only) and read back through SQLite's sorter by id, so an export of any
/// size is sorted in bounded memory. The ledger's side is the month's billed
/// generations, which `billed_generation_firsts` keeps in (month, id) order:
/// a range scan, no sort. Walking both at once meets every id of the month
/// once; only an id the export bills in the month that the ledger did not is
/// looked up by id, to tell a generation billed in another month from one
/// never billed. Before, the export was sorted into a keyed temporary table
/// and every id it listed was looked up in the ledger's index of all ids
/// (10.6 s for a 948,114-row export on a ten-month ledger, against 6 s asked).
public struct UsageExportComparison: Sendable {
    /// Counts for the report.
    public struct Summary: Sendable, Equatable {
        public var fileName: String
        public var sha256: String
        public var format: ProviderUsageExportReader.Format
        /// Rows of the export.
        public var rows: Int
        /// Rows whose timestamp falls in the month, at UTC.
        public var rowsInMonth: Int
        /// Distinct generation ids in the month.
        public var generationsInMonth: Int
        /// The ledger's billed generations in the month.
        public var ledgerGenerations: Int
    }

    public var summary: Summary
    public var discrepancies: [ReconciliationDiscrepancy]

    /// Streams the export at `path` into the ledger's connection and compares it for `month`.
    /// - Throws: ``ProviderFileError`` for bad rows, `DatabaseError` from SQLite.
    public static func compare(exportAt path: String, ledger: LedgerDatabase, month: String) throws -> UsageExportComparison {
        let exportName = URL(fileURLWithPath: path).lastPathComponent
        return try ledger.queue.inDatabase { db in
            defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.reconcile_export_rows") }
            let loaded = try load(exportAt: path, into: db, month: month)
            // SQLite's sorter sorts its runs on helper threads when allowed: sorting a 948,034-row
            // export by id took 1.24 s with two against 1.59 s with none (sqlite3 shell, one session).
            try db.execute(sql: "PRAGMA threads = \(sortThreads)")
            defer { try? db.execute(sql: "PRAGMA threads = 0") }
            var differences = UsageExportDifferences(month: month, exportName: exportName)
            var generationsInMonth = 0, ledgerGenerations = 0
            // The export's rows by id, then line: an id's listings come together, its first listing first.
            var listings = ExportListings(try db.makeStatement(sql: """
                SELECT generation_id, org_id, version, billed_at, substr(billed_at, 1, 7) AS month, line
                FROM temp.reconcile_export_rows ORDER BY generation_id, line
                """))
            var billed = RowStream(try db.makeStatement(sql: """
                SELECT generation_id, org_id, version, billed_at, month FROM billed_generations
                WHERE month = ? ORDER BY generation_id
                """), month: month)
            let billedElsewhere = try db.makeStatement(sql: """
                SELECT generation_id, org_id, version, billed_at, month FROM billed_generations WHERE generation_id = ?
                """)
            var listing = try listings.next()
            var billing = try billed.current.map(LedgerBilling.init)
            func nextBilling() throws {
                ledgerGenerations += 1
                try billed.advance()
                billing = try billed.current.map(LedgerBilling.init)
            }
            while listing != nil || billing != nil {
                let order: Int
                switch (listing, billing) {
                case let (listing?, billing?): order = BinaryCollation.compare(listing.generationId, billing.generationId)
                case (nil, _): order = 1
                case (_, nil): order = -1
                }
                if order > 0, let inLedger = billing {
                    differences.notListed(inLedger)
                    try nextBilling()
                    continue
                }
                guard let listed = listing else { break }
                if listed.month == month { generationsInMonth += 1 }
                if order == 0, let inLedger = billing {
                    differences.compare(listed, with: inLedger)
                    try nextBilling()
                } else if listed.month == month {
                    // Listed in the month, not billed in it by the ledger: billed in another month, or never.
                    var lookup = RowStream(billedElsewhere, arguments: [listed.generationId])
                    differences.compare(listed, with: try lookup.current.map(LedgerBilling.init))
                }
                listing = try listings.next()
            }
            let summary = Summary(fileName: exportName, sha256: loaded.sha256, format: loaded.format,
                                  rows: loaded.rows, rowsInMonth: loaded.rowsInMonth,
                                  generationsInMonth: generationsInMonth, ledgerGenerations: ledgerGenerations)
            return UsageExportComparison(summary: summary, discrepancies: try differences.all(db))
        }
    }

    /// Helper threads SQLite's sorter may use for the export's sort: one per
    /// core, up to four. The order is the same with any number (id, then line).
    static var sortThreads: Int { min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 4) }

    /// Appends every row of the export to `temp.reconcile_export_rows`, in file order.
    private static func load(exportAt path: String, into db: Database, month: String)
        throws -> (format: ProviderUsageExportReader.Format, sha256: String, rows: Int, rowsInMonth: Int) {
        try db.execute(sql: """
            DROP TABLE IF EXISTS temp.reconcile_export_rows;
            CREATE TEMP TABLE reconcile_export_rows (
                generation_id TEXT NOT NULL, org_id TEXT NOT NULL, version TEXT NOT NULL,
                billed_at TEXT NOT NULL, line INTEGER NOT NULL
            );
            """)
        var rows = 0, rowsInMonth = 0
        try db.execute(sql: "BEGIN")
        do {
            // Appended in file order, no key: each insert lands on the table's last page. The
            // month is not stored: billed_at is UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`, so it is its first 7 bytes.
            // A cached statement, as every binder's: the binder holds SQLite's pointer only, and the
            // connection's cache keeps the statement from being finalized under it.
            let insert = ParameterBinder(try db.cachedStatement(sql: "INSERT INTO temp.reconcile_export_rows VALUES (?, ?, ?, ?, ?)"), in: db)
            let loaded = try ProviderUsageExportReader(path: path).forEachRow { row in
                rows += 1
                let billedAt = row.billedAt.storedForms
                if billedAt.month == month { rowsInMonth += 1 }
                insert.bind(1, row.generationId)
                insert.bind(2, row.orgId)
                insert.bind(3, row.version.rawValue)
                insert.bind(4, billedAt.iso8601)
                insert.bind(5, row.line)
                _ = try insert.run()
            }
            try db.execute(sql: "COMMIT")
            return (loaded.format, loaded.sha256, rows, rowsInMonth)
        } catch {
            try? db.execute(sql: "ROLLBACK")
            throw error
        }
    }
}

/// One generation id of the export: its first listing's org, version and
/// time, and how many times and on which lines it is listed.
struct ExportListing {
    var generationId: String
    var orgId: String
    var version: String
    var billedAt: String
    var month: String
    var firstLine: Int
    var lastLine: Int
    var listed: Int
}

/// The ledger's billing of one generation id (a row of `billed_generations`).
struct LedgerBilling {
    var generationId: String
    var orgId: String
    var version: String
    var billedAt: String
    var month: String

    /// From a row of generation_id, org_id, version, billed_at, month.
    init(_ row: RowStream.CurrentRow) {
        generationId = row.text(0)
        orgId = row.text(1)
        version = row.text(2)
        billedAt = row.text(3)
        month = row.text(4)
    }
}

/// The export's rows sorted by id and line, taken an id at a time.
private struct ExportListings {
    private var rows: RowStream

    init(_ sorted: GRDB.Statement) {
        rows = RowStream(sorted, arguments: [])
    }

    mutating func next() throws -> ExportListing? {
        guard let first = try rows.current else { return nil }
        let line = Int(first.integer(5))
        var listing = ExportListing(generationId: first.text(0), orgId: first.text(1), version: first.text(2),
                                    billedAt: first.text(3), month: first.text(4), firstLine: line, lastLine: line, listed: 1)
        try rows.advance()
        while let row = try rows.current, BinaryCollation.equal(row.text(0), listing.generationId) {
            listing.lastLine = Int(row.integer(5))
            listing.listed += 1
            try rows.advance()
        }
        return listing
    }
}

/// SQLite's BINARY collation, the order of `ORDER BY` on text here: the UTF-8
/// bytes compared as by memcmp, a prefix first. Swift's own `<` and `==` on
/// String compare Unicode canonical equivalents equal and order by scalars
/// after normalization, so a merge of SQLite's sorted rows must not use them.
enum BinaryCollation {
    static func compare(_ lhs: String, _ rhs: String) -> Int {
        var lhs = lhs, rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = min(left.count, right.count)
                if common > 0, let l = left.baseAddress, let r = right.baseAddress {
                    let order = memcmp(l, r, common)
                    if order != 0 { return order < 0 ? -1 : 1 }
                }
                return left.count == right.count ? 0 : (left.count < right.count ? -1 : 1)
            }
        }
    }

    static func equal(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.count == rhs.utf8.count && compare(lhs, rhs) == 0
    }
}
