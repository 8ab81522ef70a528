import Foundation
import GRDB

/// `axis-ledger credits --month M`: each org's prepaid credit grants in `M`,
/// one row per grant in force that month or lapsed at its start, by org then
/// draw order (docs/pricing.md, "Prepaid credits"). Money is decimal text in
/// the currency's minor unit, so a spreadsheet or script sees the figures the
/// statements show.
public enum CreditListing {
    /// `org_id`, `month`, `granted`, `amount` (the grant), `used` (this month),
    /// `remaining` (carried to the next month), `expires` (empty: never),
    /// `lapsed` (what expired unused at the month's start, else 0).
    public static let columns = ["org_id", "month", "granted", "amount", "used", "remaining", "expires", "lapsed"]

    /// The rows for `month` under `rules`. The month itself is taken as the
    /// report takes it: a closed month's issued credit lines, an open month
    /// rated now; so are the earlier months since each org's first grant.
    /// - Throws: ``ReportError`` when a month the balance depends on cannot be rated.
    public static func list(ledger: LedgerDatabase, month: String, rules: PricingRules) throws -> QueryResult {
        let credits = try ledger.queue.read { db -> [String: CreditMonth] in
            guard !rules.orgsWithCredits.isEmpty else { return [:] }
            let closed = try ClosedMonthStore.isClosed(db, month: month)
            let due = try CreditHistory.due(db, ledger: ledger, month: month, closed: closed, rules: rules, forMonth: month)
            return try CreditHistory.months(db, ledger: ledger, month: month, rules: rules, due: due)
        }
        return result(credits, currency: rules.currency)
    }

    /// The rows of `credits`, by org then draw order.
    static func result(_ credits: [String: CreditMonth], currency: Currency) -> QueryResult {
        let money = MoneyFormatter()
        func amount(_ value: Decimal) -> QueryValue { .text(money.format(value, currency: currency)) }
        var rows: [[QueryValue]] = []
        for org in credits.keys.sorted() {
            guard let month = credits[org] else { continue }
            for balance in month.balances {
                rows.append([.text(org), .text(month.month), .text(balance.grant.granted), amount(balance.grant.amount),
                             amount(balance.used), amount(balance.remaining), balance.grant.expires.map(QueryValue.text) ?? .null,
                             amount(balance.lapsed)])
            }
        }
        return QueryResult(columns: columns, rows: rows)
    }
}
