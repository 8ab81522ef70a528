import Foundation
import GRDB

/// A month's report: the ledger's figures and, when a pricing file is given,
/// each org's statement. Renderers turn it into files; nothing in it depends
/// on the clock, so the same database and pricing give the same bytes.
public struct MonthReport: Sendable {
    /// The pricing side: the rules and the statements they give.
    public struct Pricing: Sendable {
        public var rules: PricingRules
        /// One statement per org, ordered by org.
        public var statements: [Statement]
        /// The pricing file's SHA-256, for provenance.
        public var sha256: String
        /// The corrections of earlier closed months the statements carry as
        /// adjustment lines (empty for a closed month's own figures).
        public var adjustments: [Adjustment] = []
        /// Each org with prepaid credit grants: its grants this month (docs/pricing.md, "Prepaid credits").
        public var credits: [String: CreditMonth] = [:]
        /// For orgs with grants and 402 events: the credit balance at each 402 streak's start.
        public var creditsAt402: [CreditStreakBalance] = []
    }

    /// One row of usage.csv: an org's billed generations of one version (and
    /// dimension value, when the version is priced by one) and their price.
    public struct VersionUsage: Sendable, Equatable {
        public var orgId: String
        public var version: APIVersion
        /// The dimension value (`4k`, or `default` for the pool of values not
        /// listed); nil when the version has no dimension.
        public var dimension: String?
        public var generations: Int
        public var plan: String?
        /// Units covered by the plan's monthly allowance (never more than `generations`).
        public var included: Int?
        public var billable: Int?
        /// The version's rounded invoice lines summed.
        public var amount: Decimal?
    }

    public var data: MonthData
    public var pricing: Pricing?
    /// Revenue against the provider's prices, with `report --cost` (margin.csv and the Margin section).
    public var margin: MarginReport?

    public var month: String { data.month }

    /// usage.csv's rows: one per org and version with at least one billed
    /// generation; a version priced by a dimension has one per dimension value
    /// with generations, in the order of its statement lines.
    public var versionUsage: [VersionUsage] {
        data.usage.flatMap { usage -> [VersionUsage] in
            var row = VersionUsage(orgId: usage.orgId, version: usage.version, generations: usage.generations)
            guard let pricing, let statement = pricing.statements.first(where: { $0.orgId == usage.orgId }) else { return [row] }
            row.plan = statement.planName
            let versionPricing = pricing.rules.plans[statement.planName]?.versions[usage.version]
            let counts = data.usageByAttributes?[usage.orgId]?.counts[usage.version] ?? [.none: usage.generations]
            let groups = versionPricing?.pricedQuantities(counts) ?? []
            guard !groups.isEmpty else {
                row.included = 0
                row.billable = usage.generations
                row.amount = statement.lines.filter { $0.kind == .usage && $0.version == usage.version }.reduce(Decimal(0)) { $0 + $1.amount }
                return [row]
            }
            return groups.map { group in
                var row = row
                row.dimension = group.dimension
                row.generations = group.quantity
                row.included = min(group.pricing.included, group.quantity)
                row.billable = group.quantity - min(group.pricing.included, group.quantity)
                row.amount = statement.lines
                    .filter { $0.kind == .usage && $0.version == usage.version && $0.dimension == group.dimension }
                    .reduce(Decimal(0)) { $0 + $1.amount }
                return row
            }
        }
    }

    /// The amount due over all statements.
    public var amountDue: Decimal? {
        pricing.map { $0.statements.reduce(Decimal(0)) { $0 + $1.total } }
    }
}

/// Builds a ``MonthReport`` from the ledger and, optionally, pricing rules.
public struct MonthReportBuilder {
    let ledger: LedgerDatabase

    public init(ledger: LedgerDatabase) {
        self.ledger = ledger
    }

    /// - Throws: ``ReportError`` when an org with billed generations has no plan
    ///   in force, or its plan does not price a version it used.
    public func build(month: String, rules: PricingRules?) throws -> MonthReport {
        try ledger.queue.read { db in try build(db, month: month, rules: rules) }
    }

    /// The report inside a transaction the caller holds. An open month's
    /// statements carry the pending adjustments of earlier closed months
    /// (``PendingAdjustments``); an org with prepaid credits gets its credit
    /// lines first (``CreditHistory``), which pay for the month's own amount only.
    func build(_ db: Database, month: String, rules: PricingRules?) throws -> MonthReport {
        let data = try MonthDataLoader(ledger: ledger).load(db, month: month, attributes: rules?.pricesByDimension ?? false,
                                                            zones: rules?.orgTimeZones ?? [:])
        guard let rules else { return MonthReport(data: data, pricing: nil) }
        var statements = try Self.statements(month: month, rules: rules, usage: data.usage, activeOrgs: data.activeOrgs,
                                             usageByAttributes: data.usageByAttributes)
        let credited = try CreditHistory.apply(db, ledger: ledger, month: month, rules: rules, to: statements)
        statements = credited.statements
        var adjustments: [Adjustment] = []
        if try !ClosedMonthStore.isClosed(db, month: month) {
            adjustments = try PendingAdjustments.find(db, ledger: ledger, openMonth: month, rules: rules)
            statements = PendingAdjustments.apply(adjustments, to: statements, month: month, rules: rules)
        }
        var pricing = MonthReport.Pricing(rules: rules, statements: statements, sha256: rules.sourceSHA256 ?? "", adjustments: adjustments)
        pricing.credits = credited.credits
        pricing.creditsAt402 = try CreditsAt402.balances(db, month: month, rules: rules, credits: credited.credits, data: data)
        return MonthReport(data: data, pricing: pricing)
    }

    /// Each org's statement for `month` under `rules`, from its billed
    /// generations: every org with usage or records in the month, and every
    /// org listed with a plan in force, ordered by org. No adjustments: this
    /// is also how a closed month is re-rated. `usageByAttributes` counts the
    /// same generations by request attribute, for versions priced by a
    /// dimension; without it every generation rates as one without attributes.
    static func statements(month: String, rules: PricingRules, usage: [MonthData.Usage], activeOrgs: [String],
                           usageByAttributes: [String: BilledUsage]? = nil) throws -> [Statement] {
        let rater = Rater(rules: rules)
        var quantities: [String: [APIVersion: Int]] = [:]
        for usage in usage { quantities[usage.orgId, default: [:]][usage.version] = usage.generations }
        let orgs = Set(activeOrgs).union(rules.listedOrgs(inForceIn: month)).union(quantities.keys).sorted()
        var statements: [Statement] = []
        for org in orgs {
            guard rules.planName(forOrg: org, month: month) != nil else {
                if quantities[org] != nil { throw ReportError.noPlanInForce(orgId: org, month: month, pricingFile: rules.fileName) }
                continue
            }
            do {
                let billed = usageByAttributes?[org] ?? BilledUsage(quantities[org] ?? [:])
                statements.append(try rater.statement(month: month, orgId: org, usage: billed))
            } catch let error as PricingError {
                throw ReportError.pricing(error)
            }
        }
        return statements
    }
}

/// Why a report could not be made.
public enum ReportError: Error, CustomStringConvertible {
    case badMonth(String)
    case noPlanInForce(orgId: String, month: String, pricingFile: String)
    case pricing(PricingError)
    /// Prepaid credits of `month` depend on `earlier`, which could not be rated.
    case creditsNeedEarlierMonth(month: String, earlier: String, reason: String)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .badMonth(let text):
            return "\(text) is not a month; write it as YYYY-MM, e.g. 2026-10"
        case .noPlanInForce(let org, let month, let file):
            return "\(file): \(org) has billed generations in \(month) but no plan in force; list it under orgs or set defaultPlan"
        case .pricing(let error):
            return error.description
        case .creditsNeedEarlierMonth(let month, let earlier, let reason):
            return "\(reason) (rating \(earlier) is needed for \(month): its prepaid credits are what the earlier months since the first grant left; fix the pricing file so that \(earlier) rates too)"
        case .cannotWrite(let path, let reason):
            return "\(path): cannot write the report: \(reason)"
        }
    }
}
