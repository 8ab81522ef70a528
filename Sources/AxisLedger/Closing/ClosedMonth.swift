import Foundation

/// A month as it was issued by `axis-ledger close`: who closed it and when,
/// the pricing it was rated with, every file of its report set and every
/// statement line. Read from the `month_closes` and `issued_*` tables; it
/// never changes once stored.
public struct ClosedMonth: Sendable {
    /// One file of the report set as written at close.
    public struct IssuedFile: Sendable, Equatable {
        /// The name in the month folder, e.g. `usage.csv`.
        public var name: String
        public var content: Data
        /// The SHA-256 recorded at close, lowercase hex.
        public var sha256: String
    }

    public var month: String
    public var closedAt: String
    public var closedBy: String
    public var note: String?
    /// The pricing file's name as the report shows it.
    public var pricingFile: String
    public var pricingText: String
    public var pricingSHA256: String
    public var currencyCode: String
    public var files: [IssuedFile]
    /// Every org's statement as issued, ordered by org; money read back from
    /// its decimal text, so it is exactly what was issued.
    public var statements: [Statement]
    /// Billed generations as issued, by org and version.
    public var generations: [String: [APIVersion: Int]]

    /// The issued pricing, parsed again from its stored text.
    /// - Throws: ``PricingError`` if that text no longer parses (a newer
    ///   axis-ledger refusing what an older one accepted).
    public func rules() throws -> PricingRules {
        var rules = try PricingRules.parse(yaml: pricingText, fileName: pricingFile)
        rules.sourceSHA256 = pricingSHA256
        return rules
    }

    /// What was issued for the month itself, per org: each statement's total
    /// without the adjustments of earlier months it carried, and before the
    /// prepaid credits that paid for it. A re-rating (``LiveRating``) has no
    /// credits, and a correction is not paid from credits: the credits a
    /// closed month drew stay as issued (docs/pricing.md, "Prepaid credits").
    public var ownTotals: [String: Decimal] {
        Dictionary(uniqueKeysWithValues: statements.map { ($0.orgId, $0.ownTotal - $0.creditTotal) })
    }

    /// The issued file named `name`, if the set had one.
    public func file(named name: String) -> IssuedFile? { files.first { $0.name == name } }
}
