import Foundation

/// A discount negotiated for one org, written under the org's `discounts`
/// (docs/pricing.md, "Discounts"): a percentage or a fixed amount off each
/// month from `from` to `until`, both inclusive. Several discounts apply one
/// after the other in the order listed, each to what the previous left.
public struct Discount: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        /// Percent off what is left, e.g. 10 for 10% (more than 0, at most 100).
        case percent(Decimal)
        /// A fixed amount off what is left, in the currency (more than 0).
        case amount(Decimal)
    }

    public var value: Value
    /// The first month it applies, `YYYY-MM`.
    public var from: String
    /// The last month it applies, `YYYY-MM`; nil for every month from `from` on.
    public var until: String?

    public init(value: Value, from: String, until: String? = nil) {
        self.value = value
        self.from = from
        self.until = until
    }

    /// Whether it applies in `month` (`YYYY-MM` text sorts as months do).
    public func applies(in month: String) -> Bool {
        from <= month && until.map { month <= $0 } ?? true
    }

    /// The months it applies in, as a reader says them: `2026-10 to 2026-12`,
    /// `2026-10 only`, or `from 2026-10 on`.
    public var months: String {
        guard let until else { return "from \(from) on" }
        return until == from ? "\(from) only" : "\(from) to \(until)"
    }

    /// What it takes off `base`, rounded half up to `currency`'s minor unit,
    /// and never more than `base` (a discount never takes an amount below
    /// zero; with nothing left, it takes nothing). Positive or zero.
    func reduction(of base: Decimal, currency: Currency) -> Decimal {
        guard base > 0 else { return 0 }
        let wanted: Decimal
        switch value {
        case .percent(let percent): wanted = MoneyRounding.halfUp(base * percent / 100, to: currency)
        case .amount(let amount): wanted = MoneyRounding.halfUp(amount, to: currency)
        }
        return min(wanted, base)
    }
}
