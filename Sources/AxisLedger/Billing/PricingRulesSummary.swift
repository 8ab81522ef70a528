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
            for version in APIVersion.allCases.sorted() {
                guard let pricing = plan.versions[version] else {
                    out.append("    \(version.rawValue): not priced (usage of \(version.rawValue) under this plan is an error)")
                    continue
                }
                let included = pricing.included > 0 ? "first \(pricing.included) units a month included, then " : ""
                let price = { (tier: PriceTier) in formatter.formatUnitPrice(tier.unitPrice, currency: currency) }
                switch pricing.mode {
                case .flat:
                    out.append("    \(version.rawValue): \(included)every unit at \(price(pricing.tiers[0]))")
                case .graduated:
                    out.append("    \(version.rawValue): \(included)graduated tiers (each tier prices the billable units that fall in it)")
                case .volume:
                    out.append("    \(version.rawValue): \(included)volume tiers (every billable unit at the price of the tier the month's billable quantity falls in)")
                }
                guard pricing.mode != .flat else { continue }
                var lower = 1
                for tier in pricing.tiers {
                    if let upTo = tier.upTo {
                        out.append("      units \(lower)–\(upTo) at \(price(tier))")
                        lower = upTo + 1
                    } else {
                        out.append("      units \(lower) and above at \(price(tier))")
                    }
                }
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
            }
        }
        return out.joined(separator: "\n") + "\n"
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
