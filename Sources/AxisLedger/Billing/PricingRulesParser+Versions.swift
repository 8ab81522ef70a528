import Foundation
import Yams

/// How a plan prices one API version: unit price, tiers and their mode, included units.
extension PricingRulesParser {

    mutating func readVersion(_ field: Field, at path: String) -> VersionPricing? {
        guard let section = fields(of: field.value, at: path, allowed: ["included", "mode", "tiers", "unitPrice"]) else { return nil }
        var included = 0
        if let entry = section["included"] {
            included = readWholeNumber(entry.value, at: "\(path).included", what: "included units") ?? 0
        }
        var mode = VersionPricing.Mode.graduated
        if let entry = section["mode"] {
            let text = scalarText(entry.value) ?? ""
            if text == "graduated" || text == "volume", let parsed = VersionPricing.Mode(rawValue: text) {
                mode = parsed
            } else {
                report(entry.value, "\(path).mode", "unknown mode `\(text)`; use graduated (each tier prices the units that fall in it; the default) or volume (every unit at the price of the tier the month's quantity falls in)")
            }
        }
        switch (section["unitPrice"], section["tiers"]) {
        case (let price?, nil):
            let unitPrice = readPrice(price.value, at: "\(path).unitPrice")
            return unitPrice.map { VersionPricing(included: included, mode: .flat, tiers: [PriceTier(upTo: nil, unitPrice: $0)]) }
        case (nil, let tiers?):
            let parsed = readTiers(tiers, at: "\(path).tiers")
            return parsed.map { VersionPricing(included: included, mode: mode, tiers: $0) }
        case (.some, .some):
            report(field.keyNode, path, "has both unitPrice and tiers; keep unitPrice for one price per unit, or tiers for prices by quantity")
        case (nil, nil):
            report(field.keyNode, path, "has no price; add `unitPrice:` (one price per unit) or `tiers:`")
        }
        return nil
    }

    mutating func readTiers(_ field: Field, at path: String) -> [PriceTier]? {
        guard case .sequence(let sequence) = field.value else {
            report(field.value, path, "must be a list of tiers, each `- upTo: N` and `unitPrice: P` (the last without upTo)")
            return nil
        }
        let nodes = Array(sequence)
        if nodes.isEmpty {
            report(field.keyNode, path, "has no tiers; add at least one `- unitPrice: P`")
            return nil
        }
        var tiers: [PriceTier] = []
        var valid = true
        var previousUpTo: Int?
        for (index, node) in nodes.enumerated() {
            let tierPath = "\(path)[\(index)]"
            let isLast = index == nodes.count - 1
            guard let tier = fields(of: node, at: tierPath, allowed: ["unitPrice", "upTo"]) else { valid = false; continue }
            var upTo: Int?
            if let entry = tier["upTo"] {
                if isLast {
                    report(entry.keyNode, "\(tierPath).upTo", "the last tier must not have upTo; it covers every unit above the previous tier")
                    valid = false
                } else if let bound = readWholeNumber(entry.value, at: "\(tierPath).upTo", what: "an upper bound") {
                    if bound < 1 {
                        report(entry.value, "\(tierPath).upTo", "must be at least 1; it is the last unit (inclusive) the tier prices")
                        valid = false
                    } else if let previousUpTo, bound <= previousUpTo {
                        report(entry.value, "\(tierPath).upTo", "\(bound) is not above the previous tier's upTo \(previousUpTo); list tiers in increasing upTo order")
                        valid = false
                    }
                    upTo = bound
                    previousUpTo = max(previousUpTo ?? 0, bound)
                } else {
                    valid = false
                }
            } else if !isLast {
                report(node, tierPath, "missing upTo; every tier but the last needs the inclusive upper bound of the units it prices")
                valid = false
            }
            guard let priceField = tier["unitPrice"] else {
                report(node, tierPath, "missing unitPrice; every tier needs one")
                valid = false
                continue
            }
            if let price = readPrice(priceField.value, at: "\(tierPath).unitPrice") {
                tiers.append(PriceTier(upTo: upTo, unitPrice: price))
            } else {
                valid = false
            }
        }
        return valid ? tiers : nil
    }
}
