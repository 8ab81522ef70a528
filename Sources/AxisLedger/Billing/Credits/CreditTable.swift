import Foundation

/// A statement's *Prepaid credits* table: one row per grant in force that
/// month, in draw order, and one sentence per grant whose remainder lapsed
/// at the month's start (shown once, in the month after `expires`).
struct CreditTable {
    var header: [String]
    var rows: [[String]]
    var lapses: [String]

    /// No grant in force and none lapsed: nothing to show.
    var isEmpty: Bool { rows.isEmpty && lapses.isEmpty }

    init(_ month: CreditMonth, currency: Currency) {
        let money = MoneyFormatter()
        func amount(_ value: Decimal) -> String { money.format(value, currency: currency) }
        header = ["Granted", "Amount (\(currency.code))", "Used this month (\(currency.code))", "Remaining (\(currency.code))", "Expires"]
        rows = month.balances.filter { $0.grant.isInForce(in: month.month) }.map { balance in
            [balance.grant.granted, amount(balance.grant.amount), amount(balance.used), amount(balance.remaining),
             balance.grant.expires.map { "end of \($0)" } ?? "never"]
        }
        lapses = month.balances.filter { $0.lapsed > 0 }.map { balance in
            "The grant of \(balance.grant.granted) (\(amount(balance.grant.amount)) \(currency.code)) expired at the end of "
                + "\(balance.grant.expires ?? ""): its remaining \(amount(balance.lapsed)) \(currency.code) lapsed and pays for nothing from \(month.month) on."
        }
    }
}
