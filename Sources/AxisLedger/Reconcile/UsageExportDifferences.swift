import GRDB

/// The kinds of difference between the usage export and the ledger
/// (docs/reconciliation.md), found one generation id at a time as
/// ``UsageExportComparison`` walks both sides in id order.
struct UsageExportDifferences {
    let month: String
    let exportName: String
    private var onlyInLedger: [ReconciliationDiscrepancy] = []
    private var placement: [ReconciliationDiscrepancy] = []
    private var duplicates: [ReconciliationDiscrepancy] = []
    /// Listed in the month, never billed: worded once the ledger's records of them are looked up.
    private var unbilled: [ExportListing] = []

    init(month: String, exportName: String) {
        self.month = month
        self.exportName = exportName
    }

    /// Billed in the month by the ledger, not listed in the export at all.
    mutating func notListed(_ billing: LedgerBilling) {
        onlyInLedger.append(ReconciliationDiscrepancy(
            kind: .billedOnlyInLedger, orgId: billing.orgId, version: billing.version, reference: billing.generationId,
            ledger: .text("billed at \(billing.billedAt)"), provider: .text("not listed"),
            difference: .count(-1), detail: "not in \(exportName)"))
    }

    /// An id the export lists, beside the ledger's billing of it in any month (nil: never billed).
    /// Only ids in the month on one side at least are compared.
    mutating func compare(_ listing: ExportListing, with billing: LedgerBilling?) {
        guard listing.month == month || billing?.month == month else { return }
        if let billing {
            placed(listing, billing)
        } else {
            unbilled.append(listing)
        }
        if listing.listed > 1 {
            // Each extra listing is a generation billed twice.
            let lines = listing.listed == 2 ? "lines \(listing.firstLine) and \(listing.lastLine)"
                                            : "lines \(listing.firstLine) to \(listing.lastLine)"
            duplicates.append(ReconciliationDiscrepancy(
                kind: .duplicateInExport, orgId: listing.orgId, version: listing.version, reference: listing.generationId,
                ledger: .text(billing.map { "billed once at \($0.billedAt)" } ?? "never billed"),
                provider: .count(listing.listed), difference: .count(listing.listed - 1),
                detail: "listed \(listing.listed) times (\(lines))"))
        }
    }

    /// Listed on both sides with another org, version or month: one difference per field.
    private mutating func placed(_ listing: ExportListing, _ billing: LedgerBilling) {
        // Most ids agree: told without building anything.
        guard !BinaryCollation.equal(billing.orgId, listing.orgId) || !BinaryCollation.equal(billing.version, listing.version)
              || !BinaryCollation.equal(billing.month, listing.month) else { return }
        let differing: [(ReconciliationDiscrepancy.Kind, String, String)] =
            [(.orgDiffers, billing.orgId, listing.orgId), (.versionDiffers, billing.version, listing.version),
             (.monthDiffers, billing.month, listing.month)].filter { !BinaryCollation.equal($0.1, $0.2) }
        let detail = "ledger billed it at \(billing.billedAt), the export at \(listing.billedAt) (line \(listing.firstLine))"
        for (kind, ledgerValue, providerValue) in differing {
            placement.append(ReconciliationDiscrepancy(kind: kind, orgId: billing.orgId, version: billing.version, reference: listing.generationId,
                                                       ledger: .text(ledgerValue), provider: .text(providerValue), detail: detail))
        }
    }

    /// Every difference found, the never-billed ones worded with what the ledger knows of each id.
    func all(_ db: Database) throws -> [ReconciliationDiscrepancy] {
        onlyInLedger + placement + duplicates + (try onlyByProvider(db))
    }

    /// Listed in the month, never billed by the ledger in any month, with the ledger's latest record of the id, if any.
    private func onlyByProvider(_ db: Database) throws -> [ReconciliationDiscrepancy] {
        guard !unbilled.isEmpty else { return [] }
        let known = try UnbilledRecords.latest(of: unbilled.map(\.generationId), in: db)
        return unbilled.map { listing in
            ReconciliationDiscrepancy(kind: .billedOnlyByProvider, orgId: listing.orgId, version: listing.version, reference: listing.generationId,
                                      ledger: .text(known[listing.generationId] ?? "no record of this generation id"),
                                      provider: .text("billed at \(listing.billedAt)"),
                                      difference: .count(1), detail: "export line \(listing.firstLine)")
        }
    }
}

/// What the ledger knows of generation ids it never billed: each one's latest
/// live response record, worded for the reconciliation
/// (`not billed: HTTP 500 internal_error at … (file:line)`).
enum UnbilledRecords {
    /// How the records are found: an indexed lookup per id, or one pass over every response record.
    enum Method: Equatable { case lookups, scan }

    /// Lookups while ids × lookup segments stays under the number of response records.
    static func method(for ids: Int, in db: Database) throws -> Method {
        let segments = try Int.fetchOne(db, sql: "SELECT count(*) FROM id_lookup_segments") ?? 0
        let records = try Int.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM response_records") ?? 0
        return ids * max(segments, 1) <= records ? .lookups : .scan
    }

    /// The wording for each id that has a live response record.
    ///
    /// A few ids are looked up through `record_ids`, a seek per lookup
    /// segment; many (an export reconciled against a month not yet ingested
    /// lists a million) are found in one pass over the response records,
    /// which costs less once ids × segments passes the number of records.
    static func latest(of ids: [String], in db: Database, by given: Method? = nil) throws -> [String: String] {
        var known: [String: String] = [:]
        if try (given ?? method(for: ids.count, in: db)) == .lookups {
            let latest = try db.cachedStatement(sql: """
                SELECT r.generation_id, r.http_status, r.success, r.error_code, r.occurred_at, f.path, r.line_number
                FROM record_ids AS x
                JOIN live_response_records AS r ON r.id = x.record_id
                JOIN ingested_files AS f ON f.id = r.file_id
                WHERE x.id = ? AND x.id_column = 'generation_id' AND x.record_table = 'response_records'
                ORDER BY r.occurred_at DESC, r.id DESC LIMIT 1
                """)
            for id in ids {
                if let row = try Row.fetchOne(latest, arguments: [id]) { known[id] = wording(row) }
            }
            return known
        }
        try db.execute(sql: "DROP TABLE IF EXISTS temp.reconcile_unbilled; CREATE TEMP TABLE reconcile_unbilled (generation_id TEXT PRIMARY KEY) WITHOUT ROWID")
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.reconcile_unbilled") }
        let insert = try db.makeStatement(sql: "INSERT OR IGNORE INTO temp.reconcile_unbilled VALUES (?)")
        for id in ids { try insert.execute(arguments: [id]) }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT r.generation_id, r.http_status, r.success, r.error_code, r.occurred_at, f.path, r.line_number
            FROM live_response_records AS r JOIN ingested_files AS f ON f.id = r.file_id
            WHERE r.generation_id IN (SELECT generation_id FROM temp.reconcile_unbilled)
            ORDER BY r.generation_id, r.occurred_at DESC, r.id DESC
            """)
        while let row = try rows.next() {
            let id: String = row["generation_id"]
            if known[id] == nil { known[id] = wording(row) }
        }
        return known
    }

    private static func wording(_ row: Row) -> String {
        let status: Int = row["http_status"]
        let success: Int? = row["success"]
        let code: String? = row["error_code"]
        var what = "HTTP \(status)"
        if let code { what += " \(code)" }
        if status == 200, success != 1 { what += " without success" }
        return "not billed: \(what) at \(row["occurred_at"] as String) (\(row["path"] as String):\(row["line_number"] as Int))"
    }
}
