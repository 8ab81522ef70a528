import Foundation

/// One prepaid credit grant of an org, as the pricing file lists it under
/// `orgs.ORG.credits` (docs/pricing.md, "Prepaid credits"):
/// `{granted: 2026-10, amount: 500.00, expires: 2027-09}`.
public struct CreditGrant: Sendable, Equatable {
    /// The first month the grant pays for, `YYYY-MM`.
    public var granted: String
    /// What the grant is worth, in the file's currency.
    public var amount: Decimal
    /// The last month the grant pays for, `YYYY-MM`; nil when it never expires.
    public var expires: String?
    /// Its place in the org's list, from 0: the last tie-breaker of the draw order.
    public var position: Int
    /// The line of the grant in the pricing file, for messages.
    public var line: Int?
    /// How many decimals the amount was written with, checked against the currency once it is known.
    var writtenDecimals: Int = 0
    /// The line of the amount, for the message when it has too many decimals.
    var amountLine: Int?

    public init(granted: String, amount: Decimal, expires: String? = nil, position: Int = 0, line: Int? = nil) {
        self.granted = granted
        self.amount = amount
        self.expires = expires
        self.position = position
        self.line = line
    }

    /// Whether the grant pays for `month`: from `granted` to `expires`, both included.
    public func isInForce(in month: String) -> Bool {
        granted <= month && expires.map { month <= $0 } ?? true
    }

    /// The order grants are drawn in: earliest expiry first (a grant that
    /// never expires last), then earliest granted, then the order listed.
    public static func drawsBefore(_ a: CreditGrant, _ b: CreditGrant) -> Bool {
        switch (a.expires, b.expires) {
        case let (x?, y?) where x != y: return x < y
        case (.some, .none): return true
        case (.none, .some): return false
        default: break
        }
        if a.granted != b.granted { return a.granted < b.granted }
        return a.position < b.position
    }

    /// `granted 2026-10, expires 2027-09` or `granted 2026-10, never expires`: how a line names the grant.
    public var name: String {
        "granted \(granted), " + (expires.map { "expires \($0)" } ?? "never expires")
    }
}
