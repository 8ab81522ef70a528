import Foundation

/// One band of a version's price: the units up to `upTo` (inclusive, counted
/// in the month's billable units) at `unitPrice`. The last tier has no `upTo`
/// and covers every unit above the previous one.
public struct PriceTier: Sendable, Equatable {
    public var upTo: Int?
    /// Exact, from the text of the file; at most 6 decimals.
    public var unitPrice: Decimal

    public init(upTo: Int?, unitPrice: Decimal) {
        self.upTo = upTo
        self.unitPrice = unitPrice
    }
}
