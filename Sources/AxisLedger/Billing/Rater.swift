import Foundation

/// Turns an org's billed generations for a month into a ``Statement`` under
/// the plan in force that month, with exact decimal arithmetic: each line is
/// rounded half up to the currency's minor unit once, the subtotal is the sum
/// of the rounded usage lines, the plan's minimum, maximum and fee and the
/// org's discounts add their lines (``monthLines(plan:usageSubtotal:)``,
/// ``discountLines(orgId:month:amount:)``), and the total is the sum of every line.
public struct Rater: Sendable {
    public let rules: PricingRules

    public init(rules: PricingRules) { self.rules = rules }

    /// The statement of `orgId` for `month` (`YYYY-MM`). `quantities` are billed
    /// generations by version; versions with 0 (or absent) get no line. A
    /// version priced by a dimension rates them all under its `default:`;
    /// use ``statement(month:orgId:usage:)`` to rate them by their attributes.
    /// - Throws: ``PricingError`` when no plan is in force for the org that month,
    ///   or the plan does not price a version the org used.
    public func statement(month: String, orgId: String, quantities: [APIVersion: Int]) throws -> Statement {
        try statement(month: month, orgId: orgId, usage: BilledUsage(quantities))
    }

    /// The statement of `orgId` for `month` from its billed generations by
    /// version and request attributes (a version priced by a dimension gets
    /// lines per dimension value).
    public func statement(month: String, orgId: String, usage: BilledUsage) throws -> Statement {
        guard let planName = rules.planName(forOrg: orgId, month: month) else {
            throw problem(line: nil, keyPath: rules.orgs[orgId] == nil ? "defaultPlan" : "orgs.\(orgId)",
                "\(orgId) has usage in \(month) but no plan is in force that month; add a defaultPlan, or an assignment for \(orgId) from \(month) or earlier")
        }
        guard let plan = rules.plans[planName] else {
            throw problem(line: nil, keyPath: "plans", "plan `\(planName)` (in force for \(orgId) in \(month)) is not defined; add it under plans")
        }
        var lines: [InvoiceLine] = []
        var billedQuantity = 0
        for version in APIVersion.allCases.sorted() {
            let quantity = usage.total(version)
            if let negative = usage.counts[version]?.values.first(where: { $0 < 0 }) {
                throw problem(line: nil, keyPath: "", "\(orgId) has \(negative) \(version.rawValue) generations in \(month); a count of generations cannot be negative")
            }
            guard quantity > 0 else { continue }
            guard let pricing = plan.versions[version] else {
                throw problem(line: plan.line, keyPath: "plans.\(planName)",
                    "\(orgId) has \(quantity) billed \(version.rawValue) generations in \(month) but plan \(planName) does not price \(version.rawValue); add a `\(version.rawValue):` section to the plan")
            }
            billedQuantity += quantity
            lines += usageLines(version: version, counts: usage.counts[version] ?? [:], pricing: pricing)
        }
        // The fixed order of a statement (docs/pricing.md, "Statements"): usage,
        // then minimum or cap (each on the usage subtotal), then the fee, then
        // discounts (each on what the lines before it come to), then the total.
        let subtotal = lines.reduce(Decimal(0)) { $0 + $1.amount }
        let planLines = monthLines(plan: plan, usageSubtotal: subtotal)
        lines += planLines
        let beforeDiscounts = subtotal + planLines.reduce(Decimal(0)) { $0 + $1.amount }
        lines += discountLines(orgId: orgId, month: month, amount: beforeDiscounts)
        let topUp = planLines.filter { $0.kind == .minimum }.reduce(Decimal(0)) { $0 + $1.amount }
        let total = lines.reduce(Decimal(0)) { $0 + $1.amount }
        lines.append(InvoiceLine(kind: .total, version: nil, description: "total", quantity: billedQuantity, unitPrice: nil, amount: total))
        return Statement(month: month, orgId: orgId, planName: planName, lines: lines, subtotal: subtotal, minimumTopUp: topUp, total: total)
    }

    /// Statements for `month`: every org with usage, and every org listed under
    /// `orgs` with a plan in force that month even without usage (so its monthly
    /// minimum is billed), sorted by org id.
    public func statements(month: String, usageByOrg: [String: [APIVersion: Int]]) throws -> [Statement] {
        try statements(month: month, usageByOrg: usageByOrg.mapValues(BilledUsage.init))
    }

    /// ``statements(month:usageByOrg:)`` from billed generations by version and request attributes.
    public func statements(month: String, usageByOrg: [String: BilledUsage]) throws -> [Statement] {
        let orgIds = Set(usageByOrg.keys).union(rules.listedOrgs(inForceIn: month)).sorted()
        return try orgIds.map { try statement(month: month, orgId: $0, usage: usageByOrg[$0] ?? BilledUsage()) }
    }

    func units(_ count: Int) -> String { count == 1 ? "1 unit" : "\(count) units" }

    func unitPrice(_ price: Decimal) -> String { MoneyFormatter().formatUnitPrice(price, currency: rules.currency) }

    func money(_ amount: Decimal) -> String { MoneyFormatter().format(amount, currency: rules.currency) }

    func problem(line: Int?, keyPath: String, _ message: String) -> PricingError {
        PricingError(PricingProblem(file: rules.fileName, line: line, keyPath: keyPath, message: message))
    }
}
