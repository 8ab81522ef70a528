import Foundation

/// Rounding of money to a currency's minor unit.
public enum MoneyRounding {
    /// `value` rounded to `digits` decimals, halves away from zero
    /// (0.005 → 0.01, 0.015 → 0.02, 0.0049999 → 0.00, −0.005 → −0.01):
    /// the rounding an invoice reader expects, with no banker's rounding.
    public static func halfUp(_ value: Decimal, digits: Int) -> Decimal {
        var input = value
        var result = Decimal()
        NSDecimalRound(&result, &input, digits, .plain)
        return result
    }

    /// An amount rounded to `currency`'s minor unit, half up.
    public static func halfUp(_ value: Decimal, to currency: Currency) -> Decimal {
        halfUp(value, digits: currency.minorUnitDigits)
    }
}
