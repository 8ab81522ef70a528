import Foundation

/// A named price list: how each API version is priced and an optional monthly minimum.
public struct Plan: Sendable, Equatable {
    public var name: String
    /// If a month's subtotal is lower, a top-up line brings the total up to this.
    public var monthlyMinimum: Decimal?
    /// A plan may leave a version out; rating usage of that version is then an error.
    public var versions: [APIVersion: VersionPricing]
    /// Where the plan is written in its file, so a rating error can point at it.
    public var line: Int?

    public init(name: String, monthlyMinimum: Decimal? = nil, versions: [APIVersion: VersionPricing], line: Int? = nil) {
        self.name = name
        self.monthlyMinimum = monthlyMinimum
        self.versions = versions
        self.line = line
    }
}
