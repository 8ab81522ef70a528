import Foundation

/// A named price list: how each API version is priced, and the plan's
/// month-level terms: a minimum, a maximum and a fixed fee.
public struct Plan: Sendable, Equatable {
    public var name: String
    /// If a month's usage subtotal is lower, a `minimum` line tops it up to this.
    public var monthlyMinimum: Decimal?
    /// If a month's usage subtotal is higher, a negative `cap` line brings it
    /// down to this. Never below `monthlyMinimum` (the parser refuses it), so
    /// at most one of the two applies in a month.
    public var monthlyMaximum: Decimal?
    /// A fixed amount billed as one `fee` line in every month an org gets a
    /// statement under the plan; neither counted toward the minimum nor capped.
    public var monthlyFee: Decimal?
    /// A plan may leave a version out; rating usage of that version is then an error.
    public var versions: [APIVersion: VersionPricing]
    /// Where the plan is written in its file, so a rating error can point at it.
    public var line: Int?

    public init(name: String, monthlyMinimum: Decimal? = nil, monthlyMaximum: Decimal? = nil, monthlyFee: Decimal? = nil,
                versions: [APIVersion: VersionPricing], line: Int? = nil) {
        self.name = name
        self.monthlyMinimum = monthlyMinimum
        self.monthlyMaximum = monthlyMaximum
        self.monthlyFee = monthlyFee
        self.versions = versions
        self.line = line
    }
}
