import Foundation

/// An org's terms besides its plan, written when the org is a mapping under
/// `orgs` (docs/pricing.md, "Orgs"). An org in the short form has none.
public struct OrgTerms: Sendable, Equatable {
    /// The keys an org's mapping may have, `plan` first.
    static let keys = ["plan", "timezone", "discounts", "credits"]

    /// The zone whose calendar months are the org's billing months; nil for UTC.
    public var timeZone: TimeZone?
    /// The org's discounts in the order listed, the order they apply in.
    public var discounts: [Discount]

    /// Prepaid credit grants, in the order listed (docs/pricing.md, "Prepaid credits").
    public var credits: [CreditGrant] = []

    public init(timeZone: TimeZone? = nil, discounts: [Discount] = []) {
        self.timeZone = timeZone
        self.discounts = discounts
    }
}
