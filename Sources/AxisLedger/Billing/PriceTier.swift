import Foundation

/// One band of a version's price: the units up to `upTo` (inclusive, counted
/// in the month's billable units) at `unitPrice`. The last tier has no `upTo`
/// and covers every unit above the previous one.
public struct PriceTier: Sendable, Equatable {
    public var upTo: Int?
    /// Exact, from the text of the file; at most 6 decimals.
    public var unitPrice: Decimal
    /// Charged once on top of the units' price: when any billable unit falls
    /// in the tier (graduated), or when the month's billable quantity falls in
    /// it (volume). Never charged for a billable quantity of 0. Nil when the
    /// tier has none.
    public var flatFee: Decimal?

    public init(upTo: Int?, unitPrice: Decimal, flatFee: Decimal? = nil) {
        self.upTo = upTo
        self.unitPrice = unitPrice
        self.flatFee = flatFee
    }
}
