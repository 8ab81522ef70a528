import Foundation
import GRDB

/// The month's billed generations counted by the request attributes a
/// version can be priced by (docs/pricing.md, "Dimensions").
extension MonthDataLoader {
    /// Billed generations of `month` by org, version, resolution, category and
    /// aspect ratio, counted by SQL over `billed_generations`, so that a SQL
    /// user grouping the view the same way gets the same numbers. Each org's
    /// counts add up to its `monthly_usage`.
    ///
    /// Only read when the pricing prices some version by a dimension: it
    /// reads each generation's record, which the plain count does not. An
    /// org of `zones` is counted in its local month (docs/pricing.md, "Time zones").
    func attributeCounts(_ db: Database, month: String, zones: [String: TimeZone] = [:]) throws -> [String: BilledUsage] {
        var usage: [String: BilledUsage] = [:]
        try add(Row.fetchCursor(db, sql: """
            SELECT org_id, version, resolution, category, aspect_ratio, count(*) AS generations
            FROM billed_generations WHERE month = ?
            GROUP BY org_id, version, resolution, category, aspect_ratio
            """, arguments: [month]), to: &usage, except: Set(zones.keys))
        for (org, zone) in zones.sorted(by: { $0.key < $1.key }) {
            guard let local = LocalMonth(month: month, in: zone) else { continue }
            let months = local.utcMonths
            try add(Row.fetchCursor(db, sql: """
                SELECT org_id, version, resolution, category, aspect_ratio, count(*) AS generations
                FROM billed_generations
                WHERE month IN (?1, ?2, ?3) AND org_id = ?4 AND billed_at >= ?5 AND billed_at < ?6
                GROUP BY org_id, version, resolution, category, aspect_ratio
                """, arguments: [months[0], months[1], months[2], org, local.storedStart, local.storedEnd]), to: &usage, except: [])
        }
        return usage
    }

    /// Adds counted rows (org, version, the three attributes, generations) to `usage`, leaving out the orgs in `excluded`.
    private func add(_ rows: RowCursor, to usage: inout [String: BilledUsage], except excluded: Set<String>) throws {
        while let row = try rows.next() {
            guard let version = APIVersion(rawValue: row["version"]) else { continue }
            let attributes = GenerationAttributes(resolution: row["resolution"], category: row["category"], aspectRatio: row["aspect_ratio"])
            let orgId: String = row["org_id"]
            guard !excluded.contains(orgId) else { continue }
            usage[orgId, default: BilledUsage()].counts[version, default: [:]][attributes, default: 0] += row["generations"] as Int
        }
    }
}
