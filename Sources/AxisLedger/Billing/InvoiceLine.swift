import Foundation

/// One line of a monthly statement. Usage lines come first (by version, then
/// tier), then a minimum top-up if any, then adjustments of earlier closed
/// months if any, then the total.
public struct InvoiceLine: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Units of one version priced at one tier (or all included).
        case usage
        /// The top-up that brings the subtotal up to the plan's monthly minimum.
        case minimum
        /// A correction of an earlier closed month: what that month comes to now
        /// minus what was issued and adjusted for it before (docs/billing.md,
        /// "Closed months and corrections"). After every other line, before the total.
        case adjustment
        /// The statement's total.
        case total
    }

    public var kind: Kind
    /// The API version a usage line prices; nil for minimum, adjustment and total lines.
    public var version: APIVersion?
    /// The dimension value a usage line prices (e.g. `4k`, or `default`); nil when the version has no dimension.
    public var dimension: String?
    /// For a finance reader, e.g. `v2 units 1001–1500 at 0.10`.
    public var description: String
    /// Usage: the billable units this line prices (0 when all units were included).
    /// Minimum: 0. Adjustment: the change in billed generations it bills (negative
    /// when generations went away). Total: every billed generation of the month, included units too.
    public var quantity: Int
    /// The price of one unit on a usage line; nil when nothing is priced.
    public var unitPrice: Decimal?
    /// Rounded half up to the currency's minor unit.
    public var amount: Decimal
    /// On an adjustment line, the closed month it corrects (`YYYY-MM`); nil otherwise.
    public var adjustsMonth: String?

    public init(kind: Kind, version: APIVersion?, description: String, quantity: Int, unitPrice: Decimal?, amount: Decimal, adjustsMonth: String? = nil, dimension: String? = nil) {
        self.kind = kind
        self.version = version
        self.description = description
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.amount = amount
        self.adjustsMonth = adjustsMonth
        self.dimension = dimension
    }
}
