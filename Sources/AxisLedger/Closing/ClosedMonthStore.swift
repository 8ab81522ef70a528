import Foundation
import GRDB

/// Reads and writes the closed-month tables of migration 0006. Every
/// function works inside a transaction the caller holds.
enum ClosedMonthStore {
    static func isClosed(_ db: Database, month: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM month_closes WHERE month = ?)", arguments: [month]) ?? false
    }

    /// Every closed month, oldest first.
    static func closedMonths(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT month FROM month_closes ORDER BY month")
    }

    /// The closed month `month`, or nil when it is open.
    static func load(_ db: Database, month: String) throws -> ClosedMonth? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT month, closed_at, closed_by, note, pricing_file, pricing_text, pricing_sha256, currency
            FROM month_closes WHERE month = ?
            """, arguments: [month]) else { return nil }
        let files = try Row.fetchAll(db, sql: "SELECT name, content, sha256 FROM issued_files WHERE month = ? ORDER BY name",
                                     arguments: [month]).map {
            ClosedMonth.IssuedFile(name: $0["name"], content: $0["content"], sha256: $0["sha256"])
        }
        var generations: [String: [APIVersion: Int]] = [:]
        for count in try Row.fetchAll(db, sql: """
            SELECT org_id, version, count(*) AS n FROM issued_generations WHERE month = ? GROUP BY org_id, version
            """, arguments: [month]) {
            if let version = APIVersion(rawValue: count["version"]) { generations[count["org_id"], default: [:]][version] = count["n"] }
        }
        return ClosedMonth(month: row["month"], closedAt: row["closed_at"], closedBy: row["closed_by"], note: row["note"],
                           pricingFile: row["pricing_file"], pricingText: row["pricing_text"], pricingSHA256: row["pricing_sha256"],
                           currencyCode: row["currency"], files: files,
                           statements: try issuedStatements(db, month: month), generations: generations)
    }

    /// The statements of `month` rebuilt from `issued_lines`.
    static func issuedStatements(_ db: Database, month: String) throws -> [Statement] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT org_id, plan, line, version, description, quantity, unit_price, amount, adjusts_month, dimension
            FROM issued_lines WHERE month = ? ORDER BY org_id, position
            """, arguments: [month])
        var statements: [Statement] = []
        for (org, orgRows) in Dictionary(grouping: rows, by: { $0["org_id"] as String }).sorted(by: { $0.key < $1.key }) {
            let lines = orgRows.map { row in
                InvoiceLine(kind: InvoiceLine.Kind(rawValue: row["line"]) ?? .minimum,
                            version: (row["version"] as String?).flatMap(APIVersion.init(rawValue:)),
                            description: row["description"], quantity: row["quantity"],
                            unitPrice: (row["unit_price"] as String?).flatMap(decimal),
                            amount: decimal(row["amount"]) ?? 0, adjustsMonth: row["adjusts_month"], dimension: row["dimension"])
            }
            let subtotal = lines.filter { $0.kind == .usage }.reduce(Decimal(0)) { $0 + $1.amount }
            let topUp = lines.filter { $0.kind == .minimum }.reduce(Decimal(0)) { $0 + $1.amount }
            let total = lines.last { $0.kind == .total }?.amount ?? 0
            statements.append(Statement(month: month, orgId: org, planName: orgRows[0]["plan"], lines: lines,
                                        subtotal: subtotal, minimumTopUp: topUp, total: total))
        }
        return statements
    }

    /// Per org, the amounts of the adjustment lines for `month` issued in
    /// closed months, summed.
    static func adjustedAmounts(_ db: Database, for month: String) throws -> [String: Decimal] {
        var sums: [String: Decimal] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT org_id, amount FROM issued_lines WHERE line = 'adjustment' AND adjusts_month = ?
            """, arguments: [month]) {
            sums[row["org_id"], default: 0] += decimal(row["amount"]) ?? 0
        }
        return sums
    }

    /// Per org and version, the generation counts the adjustments for `month`
    /// issued in closed months billed, summed.
    static func adjustedGenerations(_ db: Database, for month: String) throws -> [String: [APIVersion: Int]] {
        var counts: [String: [APIVersion: Int]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT org_id, version, sum(generations) AS n FROM issued_adjustment_counts
            WHERE adjusts_month = ? GROUP BY org_id, version
            """, arguments: [month]) {
            if let version = APIVersion(rawValue: row["version"]) { counts[row["org_id"], default: [:]][version] = row["n"] }
        }
        return counts
    }

    /// Decimal text as stored (`12.30`, `-0.04`), read exactly.
    static func decimal(_ text: String) -> Decimal? {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
