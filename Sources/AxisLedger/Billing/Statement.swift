import Foundation

/// What one org owes for one month under the plan in force that month.
public struct Statement: Sendable, Equatable {
    /// `YYYY-MM`.
    public var month: String
    public var orgId: String
    public var planName: String
    /// Usage lines, then the minimum top-up (if any), then the total line.
    public var lines: [InvoiceLine]
    /// The sum of the rounded usage lines.
    public var subtotal: Decimal
    /// The plan's monthly minimum minus the subtotal when that is positive, else 0.
    public var minimumTopUp: Decimal
    /// `subtotal + minimumTopUp`.
    public var total: Decimal

    public init(month: String, orgId: String, planName: String, lines: [InvoiceLine], subtotal: Decimal, minimumTopUp: Decimal, total: Decimal) {
        self.month = month
        self.orgId = orgId
        self.planName = planName
        self.lines = lines
        self.subtotal = subtotal
        self.minimumTopUp = minimumTopUp
        self.total = total
    }

    /// The usage lines only.
    public var usageLines: [InvoiceLine] { lines.filter { $0.kind == .usage } }
}
