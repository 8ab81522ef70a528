import Foundation

/// The pricing rules in words, as `axis-ledger pricing check` prints them:
/// sorted by plan and org so the same file always gives the same text.
public enum PricingRulesSummary {
    public static func render(_ rules: PricingRules) -> String {
        let currency = rules.currency
        let formatter = MoneyFormatter()
        var out: [String] = []
        let smallest = formatter.format(Decimal(1) / power(of: currency.minorUnitDigits), currency: currency)
        out.append("currency: \(currency.code) (\(currency.minorUnitDigits) minor digits; each invoice line is rounded half up to \(smallest))")
        out.append("default plan: " + (rules.defaultPlan.isEmpty ? "none (an org not listed under orgs has no plan)" : assignments(rules.defaultPlan)))
        out.append("plans:")
        for name in rules.plans.keys.sorted() {
            guard let plan = rules.plans[name] else { continue }
            out.append("  \(name):")
            if let minimum = plan.monthlyMinimum {
                out.append("    monthly minimum: \(formatter.format(minimum, currency: currency))")
            }
            if let maximum = plan.monthlyMaximum {
                out.append("    monthly maximum: \(formatter.format(maximum, currency: currency)) (usage lines above it are capped: a negative cap line takes off the excess)")
            }
            if let fee = plan.monthlyFee {
                out.append("    monthly fee: \(formatter.format(fee, currency: currency)) (one fee line in every month an org has a statement under the plan; not counted toward the minimum, not capped)")
            }
            for version in APIVersion.allCases.sorted() {
                guard let pricing = plan.versions[version] else {
                    out.append("    \(version.rawValue): not priced (usage of \(version.rawValue) under this plan is an error)")
                    continue
                }
                out += versionLines(version.rawValue, pricing, currency: currency, indent: "    ")
            }
        }
        if rules.orgs.isEmpty {
            out.append("orgs: none listed (every org is on the default plan)")
        } else {
            out.append("orgs:")
            for org in rules.orgs.keys.sorted() {
                var line = "  \(org): \(assignments(rules.orgs[org] ?? []))"
                if let zone = rules.timeZone(forOrg: org) {
                    line += "; billing months are calendar months in \(zone.identifier)"
                        + " (local midnight to local midnight, daylight saving time included)"
                }
                out.append(line)
                out += discounts(rules.discounts(forOrg: org), currency: currency)
                out += PricingRulesSummary.credits(rules.creditGrants(forOrg: org), currency: currency)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// An org's discounts in words, one line each, in the order they apply.
    private static func discounts(_ list: [Discount], currency: Currency) -> [String] {
        guard !list.isEmpty else { return [] }
        let formatter = MoneyFormatter()
        var out = ["    discounts, in this order, each on what the lines before it leave (usage, minimum or cap, fee, earlier discounts), rounded half up, never below zero:"]
        for discount in list {
            switch discount.value {
            case .percent(let percent): out.append("      \(percent)% off, \(discount.months)")
            case .amount(let amount): out.append("      \(formatter.format(amount, currency: currency)) off, \(discount.months)")
            }
        }
        return out
    }

    /// `growth`, or `standard from 2026-01, growth from 2026-11`.
    private static func assignments(_ list: [PlanAssignment]) -> String {
        list.map { assignment in assignment.from.map { "\(assignment.plan) from \($0)" } ?? assignment.plan }
            .joined(separator: ", ")
    }

    private static func power(of digits: Int) -> Decimal {
        (0..<digits).reduce(Decimal(1)) { product, _ in product * 10 }
    }
}
