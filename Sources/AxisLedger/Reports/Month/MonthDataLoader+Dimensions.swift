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
    /// reads each generation's record, which the plain count does not.
    func attributeCounts(_ db: Database, month: String) throws -> [String: BilledUsage] {
        var usage: [String: BilledUsage] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT org_id, version, resolution, category, aspect_ratio, count(*) AS generations
            FROM billed_generations WHERE month = ?
            GROUP BY org_id, version, resolution, category, aspect_ratio
            """, arguments: [month])
        while let row = try rows.next() {
            guard let version = APIVersion(rawValue: row["version"]) else { continue }
            let attributes = GenerationAttributes(resolution: row["resolution"], category: row["category"], aspectRatio: row["aspect_ratio"])
            let orgId: String = row["org_id"]
            usage[orgId, default: BilledUsage()].counts[version, default: [:]][attributes, default: 0] += row["generations"] as Int
        }
        return usage
    }
}
