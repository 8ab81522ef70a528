import Foundation

/// Prints money without locale, grouping or floating point, so reports are
/// the same on every machine.
public struct MoneyFormatter: Sendable {
    /// The most decimals a unit price may have (and so is printed with).
    public static let maximumUnitPriceDecimals = 6

    public init() {}

    /// `amount` with exactly `currency`'s minor digits (`12.30`, `1250`, `0.105` → `0.11` in USD),
    /// rounded half up first if it has more. Zero never prints as `-0.00`.
    public func format(_ amount: Decimal, currency: Currency) -> String {
        let digits = currency.minorUnitDigits
        return Self.plainText(MoneyRounding.halfUp(amount, digits: digits), decimals: digits)
    }

    /// A unit price as written in the pricing file, in minimal form but with at
    /// least the currency's minor digits: `0.035`, `0.10`, `7.00`; at most 6 decimals.
    public func formatUnitPrice(_ price: Decimal, currency: Currency) -> String {
        let rounded = MoneyRounding.halfUp(price, digits: Self.maximumUnitPriceDecimals)
        let written = Self.decimalsWritten(in: rounded)
        return Self.plainText(rounded, decimals: max(currency.minorUnitDigits, written))
    }

    /// How many decimals `value`'s shortest plain text has.
    private static func decimalsWritten(in value: Decimal) -> Int {
        let text = value.description
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: text.index(after: point), to: text.endIndex)
    }

    /// `value` (already having at most `decimals` decimals) written with exactly `decimals` decimals.
    private static func plainText(_ value: Decimal, decimals: Int) -> String {
        if value.isZero {
            return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals)
        }
        // `Decimal.description` is plain digits with a `.` and no exponent, e.g. `12.3` or `-0.5`.
        let text = value.description
        let parts = text.split(separator: ".", maxSplits: 1)
        let whole = String(parts[0])
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        if decimals == 0 { return whole }
        return whole + "." + fraction + String(repeating: "0", count: max(0, decimals - fraction.count))
    }
}
