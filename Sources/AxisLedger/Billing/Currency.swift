/// An ISO 4217 currency: its code and how many minor-unit digits an amount
/// in it has (USD 2, JPY 0, KWD 3). Every invoice line is rounded to these digits.
public struct Currency: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var code: String
    public var minorUnitDigits: Int

    public init(code: String, minorUnitDigits: Int) {
        self.code = code
        self.minorUnitDigits = minorUnitDigits
    }

    /// The currency with this ISO 4217 code (upper case), or nil when the code
    /// is not in ``knownCodes``.
    public init?(isoCode code: String) {
        guard let digits = Currency.minorUnitDigitsByCode[code] else { return nil }
        self.init(code: code, minorUnitDigits: digits)
    }

    public var description: String { code }

    /// Every code the pricing file may name, sorted.
    public static var knownCodes: [String] { minorUnitDigitsByCode.keys.sorted() }

    /// Minor-unit digits from the ISO 4217 list (the currencies a customer is
    /// likely to be billed in). A code missing here is refused rather than
    /// guessed, because a wrong digit count misprices every line.
    static let minorUnitDigitsByCode: [String: Int] = [
        "AED": 2, "ARS": 2, "AUD": 2, "BGN": 2, "BHD": 3, "BRL": 2, "CAD": 2, "CHF": 2,
        "CLP": 0, "CNY": 2, "COP": 2, "CZK": 2, "DKK": 2, "EGP": 2, "EUR": 2, "GBP": 2,
        "HKD": 2, "HUF": 2, "IDR": 2, "ILS": 2, "INR": 2, "IQD": 3, "ISK": 0, "JOD": 3,
        "JPY": 0, "KES": 2, "KRW": 0, "KWD": 3, "LYD": 3, "MAD": 2, "MXN": 2, "MYR": 2,
        "NGN": 2, "NOK": 2, "NZD": 2, "OMR": 3, "PEN": 2, "PHP": 2, "PKR": 2, "PLN": 2,
        "PYG": 0, "QAR": 2, "RON": 2, "SAR": 2, "SEK": 2, "SGD": 2, "THB": 2, "TND": 3,
        "TRY": 2, "TWD": 2, "UAH": 2, "UGX": 0, "USD": 2, "VND": 0, "XAF": 0, "XOF": 0,
        "ZAR": 2,
    ]
}
