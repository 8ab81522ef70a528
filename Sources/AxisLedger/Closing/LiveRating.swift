import Foundation
import GRDB

/// A month as the live ledger counts it now, rated under given rules (a
/// closed month's issued pricing): the statements `report` would give it if
/// it had never been closed, without adjustments. Built on the views
/// (`monthly_usage`, and the month's active orgs), so a late file or a voided
/// one shows here as soon as the views count it.
struct LiveRating {
    var statements: [Statement]
    /// Billed generations now, by org and version.
    var generations: [String: [APIVersion: Int]]

    var totals: [String: Decimal] { Dictionary(uniqueKeysWithValues: statements.map { ($0.orgId, $0.total) }) }

    /// - Parameter onlyOrgs: rate these orgs only (prepaid credits re-rate
    ///   earlier months for the orgs with grants, and another org's problem
    ///   in an earlier month is not theirs); nil rates every org.
    init(_ db: Database, ledger: LedgerDatabase, month: String, rules: PricingRules, onlyOrgs: Set<String>? = nil) throws {
        let usage = try Row.fetchAll(db, sql: """
            SELECT org_id, version, generations FROM monthly_usage WHERE month = ? ORDER BY org_id, version
            """, arguments: [month]).compactMap { row -> MonthData.Usage? in
            guard let version = APIVersion(rawValue: row["version"]) else { return nil }
            return MonthData.Usage(orgId: row["org_id"], version: version, generations: row["generations"])
        }.filter { onlyOrgs?.contains($0.orgId) ?? true }
        var generations: [String: [APIVersion: Int]] = [:]
        for row in usage { generations[row.orgId, default: [:]][row.version] = row.generations }
        self.generations = generations
        let loader = MonthDataLoader(ledger: ledger)
        let activeOrgs = try loader.activeOrgs(db, month: month).filter { onlyOrgs?.contains($0) ?? true }
        let byAttributes = rules.pricesByDimension ? try loader.attributeCounts(db, month: month) : nil
        statements = try MonthReportBuilder.statements(month: month, rules: rules, usage: usage, activeOrgs: activeOrgs,
                                                       usageByAttributes: byAttributes)
            .filter { onlyOrgs?.contains($0.orgId) ?? true }
    }
}
