/// How a plan prices one API version in a month.
public struct VersionPricing: Sendable, Equatable {
    /// How the tiers apply.
    public enum Mode: String, Sendable, CaseIterable {
        /// One `unitPrice` for every billable unit (written without `tiers`).
        case flat
        /// Each tier prices the billable units that fall in it (the default with `tiers`).
        case graduated
        /// Every billable unit at the price of the tier the month's billable quantity falls in.
        case volume
    }

    /// Free units each month, taken before any price applies.
    public var included: Int
    public var mode: Mode
    /// In increasing `upTo` order; only the last has no `upTo`. A flat price is one tier.
    public var tiers: [PriceTier]

    public init(included: Int = 0, mode: Mode, tiers: [PriceTier]) {
        self.included = included
        self.mode = mode
        self.tiers = tiers
    }
}
