import Foundation
import GRDB

/// `report --month M` of a closed month: the issued files, the changes since
/// close and the adjustments still pending for the month.
public struct ClosedMonthReport: Sendable {
    public var closed: ClosedMonth
    public var changes: ChangesSinceClose
    /// What the next open month will bill for this one, per org.
    public var pending: [Adjustment]

    /// The closed month `month` as it stands, or nil when the month is open.
    public static func load(ledger: LedgerDatabase, month: String) throws -> ClosedMonthReport? {
        try ledger.queue.read { db in
            guard let closed = try ClosedMonthStore.load(db, month: month) else { return nil }
            return ClosedMonthReport(closed: closed, changes: try ChangesSinceClose.load(db, ledger: ledger, closed: closed),
                                     pending: try PendingAdjustments.forClosedMonth(db, ledger: ledger, month: month))
        }
    }

    /// Whether `month` has been closed.
    public static func isClosed(ledger: LedgerDatabase, month: String) throws -> Bool {
        try ledger.queue.read { db in try ClosedMonthStore.isClosed(db, month: month) }
    }

    /// Refuses pricing rules other than the issued ones (by the SHA-256 of
    /// the file's bytes); nil, the issued pricing, is always accepted.
    public func check(pricing rules: PricingRules?) throws {
        guard let rules, let given = rules.sourceSHA256, given != closed.pricingSHA256 else { return }
        throw ClosingError.pricingDiffers(month: closed.month, file: rules.fileName, given: given, issued: closed.pricingSHA256)
    }

    /// Writes `OUT/MONTH/`; returns the paths written.
    public func write(to outputFolder: String) throws -> [String] {
        try ClosedMonthReportWriter.write(closed: closed, changes: changes, to: outputFolder)
    }

    /// The line `report` prints about it.
    public var summaryLine: String {
        let currency = changes.currency
        let money = MoneyFormatter()
        let generations = closed.generations.values.flatMap(\.values).reduce(0, +)
        let issued = closed.statements.reduce(Decimal(0)) { $0 + $1.total }
        var text = "\(closed.month): closed on \(closed.closedAt) by \(closed.closedBy); as issued, \(generations) billed generations, "
            + "\(money.format(issued, currency: currency)) \(currency.code) over \(closed.statements.count) statements"
        if changes.isEmpty {
            text += "; no changes since close"
        } else {
            let pendingTotal = pending.reduce(Decimal(0)) { $0 + $1.amount }
            text += "; \(changes.changes.count) changes since close (\(ChangesSinceClose.fileName)), "
                + "\(money.format(pendingTotal, currency: currency)) \(currency.code) pending as adjustments for the next open month"
        }
        return text
    }
}
