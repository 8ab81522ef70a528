import Foundation
import GRDB

/// What the live ledger now counts differently in a closed month, from the
/// `changes_since_close` view: one row per generation, and per org the
/// month re-rated under its issued pricing beside what was issued.
public struct ChangesSinceClose: Sendable {
    public static let fileName = "changes_since_close.csv"
    public static let header = ["generation_id", "org_id", "version", "issued_month", "month_now", "cause",
                                "change", "issued_org_id", "issued_version"]

    /// One generation counted differently.
    public struct Change: Sendable, Equatable {
        public var generationId: String
        /// `added`, `removed` or `moved` (docs/billing.md).
        public var change: String
        /// The month it was issued in (this one, or another closed month); nil when issued nowhere.
        public var issuedMonth: String?
        public var issuedOrgId: String?
        public var issuedVersion: String?
        /// Where it is billed now; nil when it is no longer billed.
        public var monthNow: String?
        public var orgIdNow: String?
        public var versionNow: String?
        /// The file that caused it (path as recorded).
        public var cause: String?
    }

    /// One org's figures: issued, adjusted since, and now.
    public struct OrgFigures: Sendable, Equatable {
        public var orgId: String
        public var issuedGenerations: Int
        public var generationsNow: Int
        public var issued: Decimal
        public var adjusted: Decimal
        public var now: Decimal
        public var pending: Decimal { now - issued - adjusted }
    }

    public var month: String
    public var changes: [Change]
    /// Orgs whose count or amount differs from what was issued, by org.
    public var orgs: [OrgFigures]
    public var currency: Currency

    public var isEmpty: Bool { changes.isEmpty }

    static func load(_ db: Database, ledger: LedgerDatabase, closed: ClosedMonth) throws -> ChangesSinceClose {
        let changes = try Row.fetchAll(db, sql: """
            SELECT generation_id, change, issued_month, issued_org_id, issued_version, month_now, org_id_now, version_now, cause
            FROM changes_since_close WHERE closed_month = ? ORDER BY generation_id, change
            """, arguments: [closed.month]).map {
            Change(generationId: $0["generation_id"], change: $0["change"], issuedMonth: $0["issued_month"],
                   issuedOrgId: $0["issued_org_id"], issuedVersion: $0["issued_version"], monthNow: $0["month_now"],
                   orgIdNow: $0["org_id_now"], versionNow: $0["version_now"], cause: $0["cause"])
        }
        let rules = try closed.rules()
        let live = try LiveRating(db, ledger: ledger, month: closed.month, rules: rules)
        let liveTotals = live.totals, issuedTotals = closed.ownTotals
        let adjusted = try ClosedMonthStore.adjustedAmounts(db, for: closed.month)
        func count(_ counts: [APIVersion: Int]?) -> Int { counts?.values.reduce(0, +) ?? 0 }
        let orgs = Set(liveTotals.keys).union(issuedTotals.keys).union(live.generations.keys).union(closed.generations.keys).sorted()
        let figures = orgs.map { org in
            OrgFigures(orgId: org, issuedGenerations: count(closed.generations[org]), generationsNow: count(live.generations[org]),
                       issued: issuedTotals[org] ?? 0, adjusted: adjusted[org] ?? 0, now: liveTotals[org] ?? 0)
        }.filter { $0.issuedGenerations != $0.generationsNow || $0.issued != $0.now || $0.adjusted != 0 }
        return ChangesSinceClose(month: closed.month, changes: changes, orgs: figures, currency: rules.currency)
    }

    /// changes_since_close.csv: one row per generation counted differently.
    /// org_id and version are where it is billed now, or where it was issued
    /// when it is no longer billed.
    public func csv() -> String {
        var rows: [[CSVCell]] = [Self.header.map(CSVCell.text)]
        func cell(_ text: String?) -> CSVCell { text.map(CSVCell.text) ?? .null }
        for change in changes {
            rows.append([.text(change.generationId), cell(change.orgIdNow ?? change.issuedOrgId),
                         cell(change.versionNow ?? change.issuedVersion), cell(change.issuedMonth), cell(change.monthNow),
                         cell(change.cause), .text(change.change), cell(change.issuedOrgId), cell(change.issuedVersion)])
        }
        return CSVWriter.document(rows)
    }

    /// The *Changes since close* section of report.md.
    public func markdownSection(closed: ClosedMonth) -> String {
        let money = MoneyFormatter()
        func amount(_ value: Decimal) -> String { money.format(value, currency: currency) }
        var out = "## Changes since close\n\n"
        let count = changes.count
        out += "\(closed.month) was closed on \(closed.closedAt) by \(MarkdownTable.escape(closed.closedBy)). Everything above is as issued then. "
        out += "Since then the ledger counts \(count) generation\(count == 1 ? "" : "s") of this month differently "
        out += "(each one, with the file that caused it, is in \(Self.fileName)).\n\n"
        let kinds = Dictionary(grouping: changes, by: \.change).map { "\($0.value.count) \($0.key)" }.sorted()
        out += "- Changes: \(kinds.joined(separator: ", "))\n"
        let causes = Dictionary(grouping: changes, by: { $0.cause ?? "unknown" }).sorted { $0.key < $1.key }
        out += "- Caused by: " + causes.map { "\(MarkdownTable.escape($0.key)) (\($0.value.count))" }.joined(separator: ", ") + "\n\n"
        out += "The month re-rated now under its issued pricing (`\(MarkdownTable.escape(closed.pricingFile))`), beside what was issued. "
        out += "A difference is billed once, as an adjustment line in the next open month; *pending* is what is not billed yet.\n\n"
        out += MarkdownTable.render(
            header: ["Org", "Generations issued", "Generations now", "Issued (\(currency.code))", "Adjusted since (\(currency.code))",
                     "Now (\(currency.code))", "Pending (\(currency.code))"],
            rows: orgs.map {
                [$0.orgId, String($0.issuedGenerations), String($0.generationsNow), amount($0.issued), amount($0.adjusted),
                 amount($0.now), amount($0.pending)]
            },
            alignments: [.left, .right, .right, .right, .right, .right, .right])
        return out + "\n"
    }
}
