import Foundation

/// How a plan prices one API version in a month.
///
/// Priced by a dimension (`by:`), the version's own `included`, `mode`,
/// `tiers` and `package` are those of its `default:` pricing, and `prices`
/// holds the pricing of each listed value.
public struct VersionPricing: Sendable, Equatable {
    /// How the tiers apply.
    public enum Mode: String, Sendable, CaseIterable {
        /// One `unitPrice` for every billable unit (written without `tiers`).
        case flat
        /// Each tier prices the billable units that fall in it (the default with `tiers`).
        case graduated
        /// Every billable unit at the price of the tier the month's billable quantity falls in.
        case volume
        /// Each started block of `package.size` billable units at `package.price`
        /// (written `package: {size, price}`); `tiers` is empty.
        case package
    }

    /// A block of units sold at one price: 201 billable units in packages of 100 are 3 packages.
    public struct Package: Sendable, Equatable {
        /// Units in one package, at least 1.
        public var size: Int
        /// The price of one package, exact from the file; at most 6 decimals.
        public var price: Decimal

        public init(size: Int, price: Decimal) {
            self.size = size
            self.price = price
        }
    }

    /// The pricing of one value of the version's dimension, in the order the file lists them.
    public struct ValuePrice: Sendable, Equatable {
        /// The value as the request carries it, e.g. `4k`; matched exactly.
        public var value: String
        /// Never priced by a dimension of its own.
        public var pricing: VersionPricing

        public init(value: String, pricing: VersionPricing) {
            self.value = value
            self.pricing = pricing
        }
    }

    /// Free units each month, taken before any price applies.
    public var included: Int
    public var mode: Mode
    /// In increasing `upTo` order; only the last has no `upTo`. A flat price is one tier; a package has none.
    public var tiers: [PriceTier]
    /// The block size and price when `mode` is `.package`, else nil.
    public var package: Package?
    /// The request attribute the version is priced by (`by:`), or nil when every generation has the same price.
    public var dimension: Dimension?
    /// With a dimension, the pricing of each value listed under `prices`; every
    /// other value, and a generation without the attribute, is priced by this
    /// struct's own fields (its `default:`).
    public var prices: [ValuePrice]

    public init(included: Int = 0, mode: Mode, tiers: [PriceTier], package: Package? = nil,
                dimension: Dimension? = nil, prices: [ValuePrice] = []) {
        self.included = included
        self.mode = mode
        self.tiers = tiers
        self.package = package
        self.dimension = dimension
        self.prices = prices
    }

    /// The same pricing without its dimension: the `default:` pricing of a version priced by one.
    public var withoutDimension: VersionPricing {
        VersionPricing(included: included, mode: mode, tiers: tiers, package: package)
    }
}

extension VersionPricing {
    /// The billed generations of one dimension value (or of the whole version
    /// when it has no dimension) and the pricing that applies to them.
    public struct PricedQuantity: Sendable, Equatable {
        /// The listed value, `default` for the pool of every other and absent
        /// value, nil when the version has no dimension.
        public var dimension: String?
        public var quantity: Int
        public var pricing: VersionPricing
    }

    /// `counts` grouped the way this pricing rates them: without a dimension,
    /// one group of every generation; with one, a group per listed value in
    /// the order the file lists them, then `default` pooling every value not
    /// listed and every generation without the attribute (tiered together).
    /// Groups with no generations are left out.
    public func pricedQuantities(_ counts: [GenerationAttributes: Int]) -> [PricedQuantity] {
        guard let dimension else {
            let total = counts.values.reduce(0, +)
            return total == 0 ? [] : [PricedQuantity(dimension: nil, quantity: total, pricing: self)]
        }
        var byValue: [String: Int] = [:]
        var pooled = 0
        let listed = Set(prices.map(\.value))
        for (attributes, count) in counts {
            if let value = attributes[dimension], listed.contains(value) {
                byValue[value, default: 0] += count
            } else {
                pooled += count
            }
        }
        var groups = prices.compactMap { price -> PricedQuantity? in
            guard let quantity = byValue[price.value], quantity != 0 else { return nil }
            return PricedQuantity(dimension: price.value, quantity: quantity, pricing: price.pricing)
        }
        if pooled != 0 {
            groups.append(PricedQuantity(dimension: Dimension.defaultValue, quantity: pooled, pricing: withoutDimension))
        }
        return groups
    }
}
