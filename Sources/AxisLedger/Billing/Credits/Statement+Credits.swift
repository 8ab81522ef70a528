import Foundation

extension Statement {
    /// The month's own amount that prepaid credits pay from: every line but
    /// credit, adjustment and total lines summed (usage, minimum, and whatever
    /// else the plan and the org's terms charge or take off for the month).
    public var amountBeforeCredits: Decimal {
        lines.filter { ![.credit, .adjustment, .total].contains($0.kind) }.reduce(Decimal(0)) { $0 + $1.amount }
    }

    /// The credit lines' amounts summed (0 or less).
    public var creditTotal: Decimal {
        lines.filter { $0.kind == .credit }.reduce(Decimal(0)) { $0 + $1.amount }
    }

    /// This statement with `credits` (the month's `credit` lines) after every
    /// charge and right before any adjustment lines and the total, which they
    /// are added to.
    public func adding(credits: [InvoiceLine]) -> Statement {
        guard !credits.isEmpty else { return self }
        var copy = self
        let added = credits.reduce(Decimal(0)) { $0 + $1.amount }
        let index = copy.lines.firstIndex { $0.kind == .adjustment || $0.kind == .total } ?? copy.lines.endIndex
        copy.lines.insert(contentsOf: credits, at: index)
        copy.total += added
        if let totalIndex = copy.lines.lastIndex(where: { $0.kind == .total }) { copy.lines[totalIndex].amount = copy.total }
        return copy
    }
}
