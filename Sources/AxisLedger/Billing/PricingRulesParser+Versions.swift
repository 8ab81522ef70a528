import Foundation
import Yams

/// How a plan prices one API version: unit price, tiers and their mode, flat
/// fees, packages, included units, and pricing by a dimension of the request.
extension PricingRulesParser {
    /// The keys of one pricing (a version's, or one dimension value's).
    static let pricingKeys = ["included", "mode", "package", "tiers", "unitPrice"]
    /// The keys of a version priced by a dimension.
    static let dimensionKeys = ["by", "default", "prices"]

    mutating func readVersion(_ field: Field, at path: String) -> VersionPricing? {
        guard let section = fields(of: field.value, at: path, allowed: (Self.dimensionKeys + Self.pricingKeys).sorted()) else { return nil }
        if Self.dimensionKeys.contains(where: { section[$0] != nil }) {
            return readDimensionPricing(field, section, at: path)
        }
        return readPricing(section, keyNode: field.keyNode, at: path)
    }

    /// `by:`, `prices:` and `default:`: a pricing per value of a request attribute.
    private mutating func readDimensionPricing(_ field: Field, _ section: Fields, at path: String) -> VersionPricing? {
        var valid = true
        for key in Self.pricingKeys {
            if let entry = section[key] {
                report(entry.keyNode, "\(path).\(key)", "does not go beside `by`; a version priced by \(section["by"].flatMap { scalarText($0.value) } ?? "a dimension") takes its prices under `prices` (per value) and `default` (every other value); move `\(key)` into those")
                valid = false
            }
        }
        var dimension: Dimension?
        if let entry = section["by"] {
            let text = scalarText(entry.value) ?? ""
            dimension = Dimension(rawValue: text)
            if dimension == nil {
                let hint = text == "aspect_ratio" ? "; write it aspectRatio, as the request's field is named" : ""
                report(entry.value, "\(path).by", "unknown dimension `\(text)`\(hint); a version can be priced by resolution, category or aspectRatio")
                valid = false
            }
        } else {
            report(field.keyNode, path, "has prices or default but no `by`; add `by: resolution` (or category, aspectRatio), the request attribute the prices are for")
            valid = false
        }
        var prices: [VersionPricing.ValuePrice] = []
        if let entry = section["prices"] {
            if let values = fields(of: entry.value, at: "\(path).prices", allowed: nil) {
                if values.all.isEmpty {
                    report(entry.keyNode, "\(path).prices", "lists no values; add at least one value with its pricing, e.g. `4k: {unitPrice: 0.12}`, or price the version without `by`")
                    valid = false
                }
                for value in values.all {
                    let valuePath = "\(path).prices.\(value.key)"
                    if value.key == Dimension.defaultValue {
                        report(value.keyNode, valuePath, "`default` names the pool of every value not listed; write its pricing as `default:` beside `prices`, not under it")
                        valid = false
                        continue
                    }
                    if let pricing = readValuePricing(value, at: valuePath) {
                        prices.append(VersionPricing.ValuePrice(value: value.key, pricing: pricing))
                    } else {
                        valid = false
                    }
                }
            } else {
                valid = false
            }
        } else {
            report(field.keyNode, "\(path).prices", "missing; list the price of each value, e.g. `prices: {1k: {unitPrice: 0.04}, 4k: {unitPrice: 0.12}}`")
            valid = false
        }
        var pooled: VersionPricing?
        if let entry = section["default"] {
            pooled = readValuePricing(entry, at: "\(path).default")
            if pooled == nil { valid = false }
        } else {
            report(field.keyNode, "\(path).default", "missing; add `default:` with the pricing of every value not listed under prices and of generations without a \(dimension?.rawValue ?? "value")")
            valid = false
        }
        guard valid, let dimension, var pricing = pooled else { return nil }
        pricing.dimension = dimension
        pricing.prices = prices
        return pricing
    }

    /// One value's pricing (or the default's): a version's keys, without a dimension of its own.
    private mutating func readValuePricing(_ field: Field, at path: String) -> VersionPricing? {
        guard let section = fields(of: field.value, at: path, allowed: (Self.dimensionKeys + Self.pricingKeys).sorted()) else { return nil }
        var valid = true
        for key in Self.dimensionKeys {
            if let entry = section[key] {
                report(entry.keyNode, "\(path).\(key)", "a value's pricing cannot be priced by a dimension of its own; the keys allowed here are \(Self.pricingKeys.joined(separator: ", "))")
                valid = false
            }
        }
        let pricing = readPricing(section, keyNode: field.keyNode, at: path)
        return valid ? pricing : nil
    }

    /// A pricing from its keys: `unitPrice`, `tiers` (with `mode`) or `package`, and `included`.
    private mutating func readPricing(_ section: Fields, keyNode: Node, at path: String) -> VersionPricing? {
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
        let written = ["unitPrice", "tiers", "package"].filter { section[$0] != nil }
        if written.count > 1 {
            report(keyNode, path, "has both \(written.joined(separator: " and ")); keep unitPrice for one price per unit, tiers for prices by quantity, or package for blocks of units at one price")
            return nil
        }
        if let price = section["unitPrice"] {
            let unitPrice = readPrice(price.value, at: "\(path).unitPrice")
            return unitPrice.map { VersionPricing(included: included, mode: .flat, tiers: [PriceTier(upTo: nil, unitPrice: $0)]) }
        }
        if let tiers = section["tiers"] {
            let parsed = readTiers(tiers, at: "\(path).tiers")
            return parsed.map { VersionPricing(included: included, mode: mode, tiers: $0) }
        }
        if let entry = section["package"] {
            if let modeEntry = section["mode"] {
                report(modeEntry.keyNode, "\(path).mode", "applies to tiers only; a package prices every started block of units at one price, so remove mode")
                return nil
            }
            let package = readPackage(entry, at: "\(path).package")
            return package.map { VersionPricing(included: included, mode: .package, tiers: [], package: $0) }
        }
        report(keyNode, path, "has no price; add `unitPrice:` (one price per unit), `tiers:` or `package:` (blocks of units)")
        return nil
    }

    /// `package: {size: 100, price: 5.00}`.
    private mutating func readPackage(_ field: Field, at path: String) -> VersionPricing.Package? {
        guard let section = fields(of: field.value, at: path, allowed: ["price", "size"]) else { return nil }
        var size: Int?
        if let entry = section["size"] {
            size = readWholeNumber(entry.value, at: "\(path).size", what: "a package's size")
            if let found = size, found < 1 {
                report(entry.value, "\(path).size", "must be at least 1; it is the number of units one package holds")
                size = nil
            }
        } else {
            report(field.keyNode, "\(path).size", "missing; add `size: N`, the units in one package")
        }
        var price: Decimal?
        if let entry = section["price"] {
            price = readPrice(entry.value, at: "\(path).price")
        } else {
            report(field.keyNode, "\(path).price", "missing; add `price: P`, the price of one package")
        }
        guard let size, let price else { return nil }
        return VersionPricing.Package(size: size, price: price)
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
            guard let tier = fields(of: node, at: tierPath, allowed: ["flatFee", "unitPrice", "upTo"]) else { valid = false; continue }
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
            var flatFee: Decimal?
            if let entry = tier["flatFee"] {
                flatFee = readPrice(entry.value, at: "\(tierPath).flatFee")
                if flatFee == nil { valid = false }
            }
            guard let priceField = tier["unitPrice"] else {
                report(node, tierPath, "missing unitPrice; every tier needs one (write `unitPrice: 0` for a tier priced by its flatFee alone)")
                valid = false
                continue
            }
            if let price = readPrice(priceField.value, at: "\(tierPath).unitPrice") {
                tiers.append(PriceTier(upTo: upTo, unitPrice: price, flatFee: flatFee))
            } else {
                valid = false
            }
        }
        return valid ? tiers : nil
    }
}
