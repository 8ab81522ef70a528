import Foundation

/// The usage lines of one version: how tiers, modes and included units turn a quantity into priced lines.
extension Rater {
    /// The lines pricing `quantity` units of `version`: one per tier used when
    /// graduated, one for flat and volume, and one zero line when every unit is included.
    func usageLines(version: APIVersion, quantity: Int, pricing: VersionPricing) -> [InvoiceLine] {
        let name = version.rawValue
        let included = pricing.included
        let billable = max(0, quantity - included)
        if billable == 0 {
            return [InvoiceLine(kind: .usage, version: version, description: "\(name) \(units(quantity)), all within the \(included) included",
                                quantity: 0, unitPrice: nil, amount: 0)]
        }
        let header = included > 0 ? "\(name) \(units(quantity)), \(included) included" : nil
        switch pricing.mode {
        case .flat, .volume:
            let tier = pricing.tiers.first { billable <= ($0.upTo ?? Int.max) } ?? pricing.tiers[pricing.tiers.count - 1]
            let price = unitPrice(tier.unitPrice)
            let suffix = pricing.mode == .volume ? " (volume)" : ""
            let description = header.map { "\($0), \(billable) at \(price)\(suffix)" } ?? "\(name) \(units(billable)) at \(price)\(suffix)"
            return [line(version, description, billable, tier.unitPrice)]
        case .graduated:
            var lines: [InvoiceLine] = []
            var lower = 1
            for tier in pricing.tiers where lower <= billable {
                let upper = min(tier.upTo ?? billable, billable)
                if upper >= lower {
                    let range = upper == lower ? "unit \(lower)" : "units \(lower)–\(upper)"
                    let description: String
                    if let header {
                        description = lines.isEmpty ? "\(header); billable \(range) at \(unitPrice(tier.unitPrice))"
                                                    : "\(name) billable \(range) at \(unitPrice(tier.unitPrice))"
                    } else {
                        description = "\(name) \(range) at \(unitPrice(tier.unitPrice))"
                    }
                    lines.append(line(version, description, upper - lower + 1, tier.unitPrice))
                }
                guard let upTo = tier.upTo else { break }
                lower = upTo + 1
            }
            return lines
        }
    }

    func line(_ version: APIVersion, _ description: String, _ quantity: Int, _ price: Decimal) -> InvoiceLine {
        InvoiceLine(kind: .usage, version: version, description: description, quantity: quantity, unitPrice: price,
                    amount: MoneyRounding.halfUp(Decimal(quantity) * price, to: rules.currency))
    }
}
