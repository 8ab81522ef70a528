import Foundation

/// The usage lines of one version: how dimensions, tiers, modes, flat fees,
/// packages and included units turn billed generations into priced lines.
extension Rater {
    /// The lines pricing one version's billed generations, `counts` by their
    /// request attributes: without a dimension, the lines of every generation
    /// together; with one, the lines of each listed value in the file's
    /// order, then those of the `default` pool. Each value's tiers count its own units.
    func usageLines(version: APIVersion, counts: [GenerationAttributes: Int], pricing: VersionPricing) -> [InvoiceLine] {
        pricing.pricedQuantities(counts).flatMap { group in
            var name = version.rawValue
            if let by = pricing.dimension, let value = group.dimension { name += " \(by.words) \(value)" }
            return usageLines(named: name, version: version, quantity: group.quantity, pricing: group.pricing)
                .map { line in
                    var line = line
                    line.dimension = group.dimension
                    return line
                }
        }
    }

    /// The lines pricing `quantity` units of `version`: one per tier used when
    /// graduated, one for flat and volume, and one zero line when every unit is included.
    func usageLines(version: APIVersion, quantity: Int, pricing: VersionPricing) -> [InvoiceLine] {
        usageLines(named: version.rawValue, version: version, quantity: quantity, pricing: pricing)
    }

    /// The lines of `quantity` units under one pricing without a dimension;
    /// `name` starts every description (`v2`, or `v2 resolution 4k`). A tier's
    /// flat fee is a line of its own right after the tier's line; a billable
    /// quantity of 0 charges none.
    private func usageLines(named name: String, version: APIVersion, quantity: Int, pricing: VersionPricing) -> [InvoiceLine] {
        let included = pricing.included
        let billable = max(0, quantity - included)
        if billable == 0 {
            return [InvoiceLine(kind: .usage, version: version, description: "\(name) \(units(quantity)), all within the \(included) included",
                                quantity: 0, unitPrice: nil, amount: 0)]
        }
        let header = included > 0 ? "\(name) \(units(quantity)), \(included) included" : nil
        switch pricing.mode {
        case .package:
            let package = pricing.package ?? VersionPricing.Package(size: 1, price: 0)
            let count = (billable + package.size - 1) / package.size
            let packages = count == 1 ? "1 package" : "\(count) packages"
            let priced = "\(packages) of \(package.size) at \(unitPrice(package.price))"
            let description = header.map { "\($0), \(billable) billable in \(priced)" } ?? "\(name) \(units(billable)) in \(priced)"
            return [line(version, description, count, package.price)]
        case .flat, .volume:
            let index = pricing.tiers.firstIndex { billable <= ($0.upTo ?? Int.max) } ?? pricing.tiers.count - 1
            let tier = pricing.tiers[index]
            let price = unitPrice(tier.unitPrice)
            let suffix = pricing.mode == .volume ? " (volume)" : ""
            let description = header.map { "\($0), \(billable) at \(price)\(suffix)" } ?? "\(name) \(units(billable)) at \(price)\(suffix)"
            var lines = [line(version, description, billable, tier.unitPrice)]
            if let fee = tier.flatFee {
                lines.append(feeLine(version, "\(name) flat fee of the tier \(tierRange(pricing.tiers, index)) (volume)", fee))
            }
            return lines
        case .graduated:
            var lines: [InvoiceLine] = []
            var lower = 1
            for (index, tier) in pricing.tiers.enumerated() where lower <= billable {
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
                    if let fee = tier.flatFee {
                        lines.append(feeLine(version, "\(name) flat fee of the tier \(tierRange(pricing.tiers, index))", fee))
                    }
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

    /// A tier's flat fee: it prices no units of its own (quantity 0, no unit price).
    private func feeLine(_ version: APIVersion, _ description: String, _ fee: Decimal) -> InvoiceLine {
        InvoiceLine(kind: .usage, version: version, description: "\(description): \(unitPrice(fee))", quantity: 0, unitPrice: nil,
                    amount: MoneyRounding.halfUp(fee, to: rules.currency))
    }

    /// `units 11–15`, or `units 21 and above` for the last tier, counted in billable units.
    private func tierRange(_ tiers: [PriceTier], _ index: Int) -> String {
        let lower = index == 0 ? 1 : (tiers[index - 1].upTo ?? 0) + 1
        guard let upTo = tiers[index].upTo else { return "units \(lower) and above" }
        return upTo == lower ? "unit \(lower)" : "units \(lower)–\(upTo)"
    }
}
