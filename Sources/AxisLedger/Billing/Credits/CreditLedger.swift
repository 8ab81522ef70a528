import Foundation

/// One grant's figures for one month: what it held at the start, what the
/// month drew from it, what it carries to the next month, and what lapsed.
public struct CreditBalance: Sendable, Equatable {
    public var grant: CreditGrant
    /// The grant's remainder at the start of the month.
    public var opening: Decimal
    /// Drawn this month (0 or more).
    public var used: Decimal
    /// Carried to the next month: `opening − used`, 0 once the grant has lapsed.
    public var remaining: Decimal
    /// The remainder that lapsed at the start of this month because the grant
    /// expired the month before; 0 otherwise. Shown once, in the month after `expires`.
    public var lapsed: Decimal

    public init(grant: CreditGrant, opening: Decimal, used: Decimal, remaining: Decimal, lapsed: Decimal) {
        self.grant = grant
        self.opening = opening
        self.used = used
        self.remaining = remaining
        self.lapsed = lapsed
    }
}

/// An org's credit grants in one month: every grant in force that month, and
/// every grant that lapsed at its start, in draw order.
public struct CreditMonth: Sendable, Equatable {
    public var month: String
    public var balances: [CreditBalance]

    /// What the month drew from all grants.
    public var used: Decimal { balances.reduce(Decimal(0)) { $0 + $1.used } }

    /// What all grants in force carry to the next month.
    public var remaining: Decimal { balances.reduce(Decimal(0)) { $0 + $1.remaining } }

    /// What the grants in force held at the start of the month.
    public var opening: Decimal {
        balances.filter { $0.grant.isInForce(in: month) }.reduce(Decimal(0)) { $0 + $1.opening }
    }

    /// The `credit` invoice lines: one per grant drawn, negative, in draw order.
    public func lines(currency: Currency) -> [InvoiceLine] {
        let money = MoneyFormatter()
        return balances.filter { $0.used > 0 }.map { balance in
            InvoiceLine(kind: .credit, version: nil,
                        description: "prepaid credit (\(balance.grant.name), \(money.format(balance.grant.amount, currency: currency)) granted)",
                        quantity: 0, unitPrice: nil, amount: -balance.used)
        }
    }
}

/// An org's prepaid credit grants drawn down month after month: pure, the
/// months fed in order. Each month's amount is paid from the grants in force,
/// earliest expiry first, then earliest granted, then the order listed; each
/// grant's remainder is carried to the next month, and lapses once the month
/// after its `expires` begins (docs/pricing.md, "Prepaid credits").
public struct CreditLedger: Sendable {
    public let grants: [CreditGrant]
    /// Each grant's remainder, by index into `grants` (a grant not yet granted: its whole amount; lapsed: 0).
    public private(set) var remainders: [Decimal]
    /// Whether each grant's remainder has lapsed already.
    private var lapsedAlready: [Bool]
    /// The last month drawn, to refuse months out of order.
    public private(set) var lastMonth: String?

    public init(grants: [CreditGrant]) {
        self.grants = grants
        remainders = grants.map(\.amount)
        lapsedAlready = grants.map { _ in false }
    }

    /// The first month any grant pays for; nil without grants.
    public var firstMonth: String? { grants.map(\.granted).min() }

    /// Draws `month`'s amount (`due`, the month's amount before credits; 0 or
    /// less draws nothing) and returns the month's balances. Months must come
    /// in increasing order; a month left out draws nothing but a grant that
    /// expired in it lapses in the next month fed, so feed every month to show
    /// each lapse in the month after `expires`.
    /// - Precondition: `month` is after the last month drawn.
    public mutating func draw(month: String, due: Decimal) -> CreditMonth {
        precondition(lastMonth.map { month > $0 } ?? true, "credit months must be drawn in increasing order")
        lastMonth = month
        var lapsed = grants.map { _ in Decimal(0) }
        for index in grants.indices where !lapsedAlready[index] {
            if let expires = grants[index].expires, expires < month {
                lapsed[index] = remainders[index]
                remainders[index] = 0
                lapsedAlready[index] = true
            }
        }
        let order = grants.indices.sorted { CreditGrant.drawsBefore(grants[$0], grants[$1]) }
        var left = max(due, 0)
        var balances: [CreditBalance] = []
        for index in order {
            let grant = grants[index]
            if grant.isInForce(in: month) {
                let opening = remainders[index]
                let used = min(opening, left)
                left -= used
                remainders[index] = opening - used
                balances.append(CreditBalance(grant: grant, opening: opening, used: used, remaining: opening - used, lapsed: 0))
            } else if lapsed[index] > 0 {
                balances.append(CreditBalance(grant: grant, opening: lapsed[index], used: 0, remaining: 0, lapsed: lapsed[index]))
            }
        }
        return CreditMonth(month: month, balances: balances)
    }
}
