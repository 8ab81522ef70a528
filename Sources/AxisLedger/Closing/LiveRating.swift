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
        let zones = rules.orgTimeZones
        let loader = MonthDataLoader(ledger: ledger)
        var usage = try Row.fetchAll(db, sql: """
            SELECT org_id, version, generations FROM monthly_usage WHERE month = ? ORDER BY org_id, version
            """, arguments: [month]).compactMap { row -> MonthData.Usage? in
            guard let version = APIVersion(rawValue: row["version"]) else { return nil }
            return MonthData.Usage(orgId: row["org_id"], version: version, generations: row["generations"])
        }
        var activeOrgs = try loader.activeOrgs(db, month: month)
        if !zones.isEmpty {
            // An org with a zone was issued its local month: it is re-rated in it too.
            usage.removeAll { zones[$0.orgId] != nil }
            activeOrgs.removeAll { zones[$0] != nil }
            for (org, zone) in zones.sorted(by: { $0.key < $1.key }) {
                guard let local = LocalMonth(month: month, in: zone) else { continue }
                usage += try loader.localUsage(db, orgId: org, local: local).compactMap { count in
                    APIVersion(rawValue: count.version).map { MonthData.Usage(orgId: org, version: $0, generations: count.generations) }
                }
                if try loader.isActive(db, orgId: org, local: local) { activeOrgs.append(org) }
            }
            usage.sort { ($0.orgId, $0.version.rawValue) < ($1.orgId, $1.version.rawValue) }
            activeOrgs.sort()
        }
        usage.removeAll { !(onlyOrgs?.contains($0.orgId) ?? true) }
        activeOrgs.removeAll { !(onlyOrgs?.contains($0) ?? true) }
        var generations: [String: [APIVersion: Int]] = [:]
        for row in usage { generations[row.orgId, default: [:]][row.version] = row.generations }
        self.generations = generations
        let byAttributes = rules.pricesByDimension ? try loader.attributeCounts(db, month: month, zones: zones) : nil
        statements = try MonthReportBuilder.statements(month: month, rules: rules, usage: usage, activeOrgs: activeOrgs,
                                                       usageByAttributes: byAttributes)
            .filter { onlyOrgs?.contains($0.orgId) ?? true }
    }
}
