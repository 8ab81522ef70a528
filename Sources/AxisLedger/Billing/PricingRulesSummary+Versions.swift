import Foundation

/// How `pricing check` puts one version's pricing in words: its price, tiers
/// and flat fees, packages, included units, and its prices per dimension value.
extension PricingRulesSummary {
    /// The lines of `name` (`v2`, or a dimension value) priced by `pricing`, at `indent`.
    static func versionLines(_ name: String, _ pricing: VersionPricing, currency: Currency, indent: String) -> [String] {
        if let dimension = pricing.dimension {
            var out = ["\(indent)\(name): priced by the request's \(dimension.words) (from each generation's earliest record); each value's units are counted and tiered on their own"]
            for price in pricing.prices {
                out += versionLines(price.value, price.pricing, currency: currency, indent: indent + "  ")
            }
            let pooled = pricing.prices.isEmpty ? "any value" : "any other value"
            out += versionLines("default (\(pooled), or none; counted together)", pricing.withoutDimension, currency: currency, indent: indent + "  ")
            return out
        }
        let formatter = MoneyFormatter()
        let price = { (amount: Decimal) in formatter.formatUnitPrice(amount, currency: currency) }
        let included = pricing.included > 0 ? "first \(pricing.included) units a month included, then " : ""
        var out: [String] = []
        switch pricing.mode {
        case .flat:
            return ["\(indent)\(name): \(included)every unit at \(price(pricing.tiers[0].unitPrice))"]
        case .package:
            guard let package = pricing.package else { return [] }
            return ["\(indent)\(name): \(included)packages of \(package.size) units at \(price(package.price)) each; every started package is charged in full"]
        case .graduated:
            out.append("\(indent)\(name): \(included)graduated tiers (each tier prices the billable units that fall in it)")
        case .volume:
            out.append("\(indent)\(name): \(included)volume tiers (every billable unit at the price of the tier the month's billable quantity falls in)")
        }
        var lower = 1
        for tier in pricing.tiers {
            let range: String
            if let upTo = tier.upTo {
                range = upTo == lower ? "unit \(lower)" : "units \(lower)–\(upTo)"
                lower = upTo + 1
            } else {
                range = "units \(lower) and above"
            }
            let fee: String
            switch (tier.flatFee, pricing.mode) {
            case (let amount?, .volume):
                fee = " plus a flat fee of \(price(amount)) when the month's billable quantity falls in this tier"
            case (let amount?, _):
                fee = " plus a flat fee of \(price(amount)) once when any billable unit falls in this tier"
            case (nil, _):
                fee = ""
            }
            out.append("\(indent)  \(range) at \(price(tier.unitPrice))\(fee)")
        }
        if pricing.tiers.contains(where: { $0.flatFee != nil }) {
            out.append("\(indent)  (no flat fee when every unit is included or there is no usage)")
        }
        return out
    }
}
