import Foundation

/// Numbers in a provider file, read from their text as exact decimals (never
/// through a binary floating-point value), with messages that quote the text.
enum ProviderNumberText {
    /// The most decimals an amount may have; more is a typo or a float printed by a program.
    static let maximumAmountDecimals = 6

    /// An amount: an optional `-` (a credit), digits, optionally `.` and up to 6 digits.
    static func amount(_ text: String, column: String) -> Result<Decimal, ProviderNumberProblem> {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        switch DecimalText.decimal(body, maximumDecimals: maximumAmountDecimals) {
        case .success(let value):
            return .success(negative ? -value : value)
        case .failure(.empty):
            return .failure(ProviderNumberProblem("\(column) is empty; write a decimal number such as 12.50"))
        case .failure(.tooManyDecimals(let found)):
            return .failure(ProviderNumberProblem("\(column) \"\(text)\" has \(found) decimals; at most \(maximumAmountDecimals) are accepted"))
        case .failure(.tooLarge):
            return .failure(ProviderNumberProblem("\(column) \"\(text)\" is too large"))
        case .failure:
            return .failure(ProviderNumberProblem("\(column) \"\(text)\" is not a decimal number; write digits with an optional . and no thousands separators, e.g. 12.50"))
        }
    }

    /// A count: digits only.
    static func count(_ text: String, column: String) -> Result<Int, ProviderNumberProblem> {
        switch DecimalText.wholeNumber(text) {
        case .success(let value):
            return .success(value)
        case .failure(.empty):
            return .failure(ProviderNumberProblem("\(column) is empty; write a whole number such as 1200"))
        case .failure(.negative):
            return .failure(ProviderNumberProblem("\(column) \"\(text)\" is negative; a count of generations is 0 or more"))
        case .failure:
            return .failure(ProviderNumberProblem("\(column) \"\(text)\" is not a whole number; write digits only, e.g. 1200"))
        }
    }
}

/// Why a provider file's number was refused, worded for a person.
struct ProviderNumberProblem: Error, Equatable {
    var message: String
    init(_ message: String) { self.message = message }
}
