import Foundation

/// What StudioAxis earns on each org in a month: the org's statement
/// (revenue) beside the provider's price list rating the same generations
/// (cost), from `report --cost PROVIDER_PRICING.yaml` (docs/reports.md, "margin.csv").
///
/// Revenue is the statement before credits and adjustments: its usage lines
/// summed per version and dimension, and its minimum, cap, fee and discount
/// lines on one org-level row with no version. Cost is the cost file's
/// statement for the same org, month (the org's, in its zone) and
/// generations, split the same way. margin = revenue − cost; margin_percent
/// = margin / revenue × 100, rounded half up to one decimal, and none when
/// revenue is 0. Every amount is exact: each statement line was rounded once
/// when it was rated, and sums of them need no rounding.
public struct MarginReport: Sendable, Equatable {
    public static let fileName = "margin.csv"
    public static let header = ["month", "org_id", "version", "dimension", "generations", "revenue", "cost", "margin", "margin_percent", "currency"]

    /// One row of margin.csv.
    public struct Row: Sendable, Equatable {
        public var orgId: String
        /// nil on the org-level row (minimum, cap, fee, discounts).
        public var version: APIVersion?
        /// The dimension value the usage lines price; nil when the version has none and on the org-level row.
        public var dimension: String?
        /// Billed generations the row prices; nil on the org-level row.
        public var generations: Int?
        public var revenue: Decimal
        public var cost: Decimal
        public var margin: Decimal { revenue - cost }
        public var marginPercent: Decimal? { MarginReport.percent(margin: margin, revenue: revenue) }
    }

    /// One org's rows added up.
    public struct OrgMargin: Sendable, Equatable {
        public var orgId: String
        public var generations: Int
        public var revenue: Decimal
        public var cost: Decimal
        public var margin: Decimal { revenue - cost }
        public var marginPercent: Decimal? { MarginReport.percent(margin: margin, revenue: revenue) }
    }

    public var month: String
    public var currency: Currency
    /// By org, then version (usage rows by dimension), then the org-level row.
    public var rows: [Row]
    /// The cost file's name and SHA-256, for provenance.
    public var costFile: String
    public var costSHA256: String

    /// Per org, the orgs whose margin is negative first (most negative first), then the rest by org id.
    public var orgs: [OrgMargin] {
        let grouped = Dictionary(grouping: rows, by: \.orgId).map { org, rows in
            OrgMargin(orgId: org, generations: rows.compactMap(\.generations).reduce(0, +),
                      revenue: rows.reduce(Decimal(0)) { $0 + $1.revenue }, cost: rows.reduce(Decimal(0)) { $0 + $1.cost })
        }
        return grouped.sorted { a, b in
            let (negativeA, negativeB) = (a.margin < 0, b.margin < 0)
            if negativeA != negativeB { return negativeA }
            if negativeA, a.margin != b.margin { return a.margin < b.margin }
            return a.orgId < b.orgId
        }
    }

    /// Every org together.
    public var total: OrgMargin {
        OrgMargin(orgId: "total", generations: rows.compactMap(\.generations).reduce(0, +),
                  revenue: rows.reduce(Decimal(0)) { $0 + $1.revenue }, cost: rows.reduce(Decimal(0)) { $0 + $1.cost })
    }

    /// margin / revenue × 100, half up to one decimal; nil when revenue is 0.
    public static func percent(margin: Decimal, revenue: Decimal) -> Decimal? {
        guard revenue != 0 else { return nil }
        return MoneyRounding.halfUp(margin / revenue * 100, digits: 1)
    }

    /// A percentage as margin.csv and report.md show it: always one decimal (`12.5`, `-3.0`, `100.0`).
    public static func percentText(_ value: Decimal?) -> String {
        guard let value else { return "" }
        // Already rounded to one decimal: its plain text has at most one.
        let text = MoneyRounding.halfUp(value, digits: 1).description
        return text.contains(".") ? text : text + ".0"
    }

    /// The lines of a statement that margin counts on the org-level row:
    /// everything but usage, credits, adjustments and the total.
    static func isOrgLevel(_ line: InvoiceLine) -> Bool {
        line.kind != .usage && line.kind != .total && line.kind != .adjustment && line.kind.rawValue != "credit"
    }

    /// The margin of `report` (which must be priced) against `costRules`.
    ///
    /// - Throws: ``ReportError`` when the cost file has no plan for an org
    ///   with billed generations, or does not price a version it used.
    public static func build(report: MonthReport, costRules: PricingRules) throws -> MarginReport? {
        guard let pricing = report.pricing else { return nil }
        let rater = Rater(rules: costRules)
        var quantities: [String: [APIVersion: Int]] = [:]
        for usage in report.data.usage { quantities[usage.orgId, default: [:]][usage.version, default: 0] += usage.generations }
        var rows: [Row] = []
        for statement in pricing.statements {
            let org = statement.orgId
            let orgQuantities = quantities[org] ?? [:]
            // The same generations, by request attribute when the report counted them that way.
            let orgUsage = report.data.usageByAttributes?[org] ?? BilledUsage(orgQuantities)
            var costLines: [InvoiceLine] = []
            if costRules.planName(forOrg: org, month: report.month) != nil {
                do {
                    costLines = try rater.statement(month: report.month, orgId: org, usage: orgUsage).lines
                } catch let error as PricingError {
                    throw ReportError.pricing(error)
                }
            } else if orgQuantities.values.contains(where: { $0 > 0 }) {
                throw ReportError.noPlanInForce(orgId: org, month: report.month, pricingFile: costRules.fileName)
            }
            let plan = pricing.rules.plans[statement.planName]
            rows += orgRows(org: org, revenue: statement.lines, cost: costLines, generations: orgQuantities,
                            byDimension: Self.generationsByDimension(orgUsage, plan: plan))
        }
        return MarginReport(month: report.month, currency: pricing.rules.currency, rows: rows,
                            costFile: costRules.fileName, costSHA256: costRules.sourceSHA256 ?? "")
    }

    /// One org's rows: per version and dimension of either side's usage lines, then the org-level row when either side has one.
    static func orgRows(org: String, revenue: [InvoiceLine], cost: [InvoiceLine], generations: [APIVersion: Int],
                        byDimension: [APIVersion: [String: Int]] = [:]) -> [Row] {
        struct Key: Hashable, Comparable {
            var version: APIVersion
            var dimension: String?
            static func < (a: Key, b: Key) -> Bool {
                a.version != b.version ? a.version < b.version : (a.dimension ?? "") < (b.dimension ?? "")
            }
        }
        func sums(_ lines: [InvoiceLine]) -> [Key: Decimal] {
            var sums: [Key: Decimal] = [:]
            for line in lines where line.kind == .usage {
                guard let version = line.version else { continue }
                sums[Key(version: version, dimension: line.dimension), default: 0] += line.amount
            }
            return sums
        }
        let revenueSums = sums(revenue), costSums = sums(cost)
        let keys = Set(revenueSums.keys).union(costSums.keys).sorted()
        var rows = keys.map { key in
            Row(orgId: org, version: key.version, dimension: key.dimension,
                generations: key.dimension.flatMap { byDimension[key.version]?[$0] }
                    ?? generationCount(generations, version: key.version, dimension: key.dimension, lines: revenue),
                revenue: revenueSums[key] ?? 0, cost: costSums[key] ?? 0)
        }
        let revenueOrgLevel = revenue.filter(isOrgLevel), costOrgLevel = cost.filter(isOrgLevel)
        if !revenueOrgLevel.isEmpty || !costOrgLevel.isEmpty {
            rows.append(Row(orgId: org, version: nil, dimension: nil, generations: nil,
                            revenue: revenueOrgLevel.reduce(Decimal(0)) { $0 + $1.amount },
                            cost: costOrgLevel.reduce(Decimal(0)) { $0 + $1.amount }))
        }
        return rows
    }

    /// The billed generations of each dimension value of each version the
    /// org's plan prices by a dimension, grouped as the plan rates them
    /// (unlisted and absent values pooled under `default`).
    static func generationsByDimension(_ usage: BilledUsage, plan: Plan?) -> [APIVersion: [String: Int]] {
        var result: [APIVersion: [String: Int]] = [:]
        for (version, counts) in usage.counts {
            guard let pricing = plan?.versions[version], pricing.dimension != nil else { continue }
            for group in pricing.pricedQuantities(counts) {
                if let dimension = group.dimension { result[version, default: [:]][dimension] = group.quantity }
            }
        }
        return result
    }

    /// The billed generations of a usage row without a count by attribute: the version's count when it
    /// has no dimension; with one, the version's count when it is the only
    /// dimension priced, else the units of that dimension's usage lines.
    static func generationCount(_ generations: [APIVersion: Int], version: APIVersion, dimension: String?, lines: [InvoiceLine]) -> Int {
        let count = generations[version] ?? 0
        guard dimension != nil else { return count }
        let dimensions = Set(lines.filter { $0.kind == .usage && $0.version == version }.map(\.dimension))
        if dimensions.count <= 1 { return count }
        return lines.filter { $0.kind == .usage && $0.version == version && $0.dimension == dimension }.reduce(0) { $0 + $1.quantity }
    }
}
