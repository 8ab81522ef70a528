import Foundation

/// What one org owes for one month under the plan in force that month.
public struct Statement: Sendable, Equatable {
    /// `YYYY-MM`.
    public var month: String
    public var orgId: String
    public var planName: String
    /// In the fixed order of ``InvoiceLine/Kind``: usage lines, then the
    /// minimum top-up or cap, fee and discount lines (each if any), then
    /// adjustment lines of earlier closed months (if any), then the total line.
    public var lines: [InvoiceLine]
    /// The sum of the rounded usage lines.
    public var subtotal: Decimal
    /// The plan's monthly minimum minus the subtotal when that is positive, else 0.
    public var minimumTopUp: Decimal
    /// The sum of every line but the total: `subtotal + minimumTopUp` plus
    /// the cap, fee and discount lines and any adjustment lines. The month's
    /// own lines never come below zero (a discount stops at zero); it is
    /// negative only when adjustments credit more than the month's charges
    /// (a credit due).
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

    /// The lines of one kind's amounts summed (0 when there are none).
    public func amount(of kind: InvoiceLine.Kind) -> Decimal {
        lines.filter { $0.kind == kind }.reduce(Decimal(0)) { $0 + $1.amount }
    }

    /// The org-level lines' amounts summed: every line but the usage lines and
    /// the total (minimum, cap, fee, discounts, adjustments, and any kind added
    /// later), so `subtotal + orgLevelAmount == total`. `reconcile` compares it
    /// with the invoice's rows without a version.
    public var orgLevelAmount: Decimal {
        lines.filter { $0.kind != .usage && $0.kind != .total }.reduce(Decimal(0)) { $0 + $1.amount }
    }

    /// The adjustment lines' amounts summed (0 when there are none).
    public var adjustmentTotal: Decimal { amount(of: .adjustment) }

    /// What the statement bills for its own month: the total without the
    /// adjustments of earlier months it carries, so with its usage, minimum,
    /// cap, fee and discount lines.
    public var ownTotal: Decimal { total - adjustmentTotal }

    /// This statement with `adjustments` after every other line and right
    /// before the total, which they are added to. The minimum top-up, cap,
    /// fee and discounts stay as they were: they are the month's own lines,
    /// and a discount applies to the month's charges, not to corrections of
    /// earlier months.
    public func adding(adjustments: [InvoiceLine]) -> Statement {
        guard !adjustments.isEmpty else { return self }
        var copy = self
        let added = adjustments.reduce(Decimal(0)) { $0 + $1.amount }
        let totalIndex = copy.lines.lastIndex { $0.kind == .total } ?? copy.lines.endIndex
        copy.lines.insert(contentsOf: adjustments, at: totalIndex)
        copy.total += added
        if let index = copy.lines.lastIndex(where: { $0.kind == .total }) { copy.lines[index].amount = copy.total }
        return copy
    }
}
