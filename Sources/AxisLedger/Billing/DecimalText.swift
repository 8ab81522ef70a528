import Foundation

/// Numbers read from the text of a YAML scalar, never through a binary
/// floating-point value, so `0.1` in the file is exactly one tenth.
enum DecimalText {
    /// Why a scalar's text is not an acceptable number.
    enum Problem: Error, Equatable {
        case empty
        case negative
        case notANumber
        case tooManyDecimals(found: Int)
        case tooLarge
    }

    /// The largest count of integer digits accepted, well inside `Decimal`'s 38 significant digits.
    static let maximumIntegerDigits = 15

    /// `text` as an exact non-negative decimal: digits, optionally one `.`
    /// followed by at most `maximumDecimals` digits. No sign, exponent,
    /// spaces, or digit separators.
    static func decimal(_ text: String, maximumDecimals: Int) -> Result<Decimal, Problem> {
        if text.isEmpty { return .failure(.empty) }
        if text.hasPrefix("-") {
            return isPlainDecimal(text.dropFirst()) ? .failure(.negative) : .failure(.notANumber)
        }
        guard isPlainDecimal(Substring(text)) else { return .failure(.notANumber) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        if parts[0].count > maximumIntegerDigits { return .failure(.tooLarge) }
        let decimals = parts.count == 2 ? parts[1].count : 0
        if decimals > maximumDecimals { return .failure(.tooManyDecimals(found: decimals)) }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            return .failure(.notANumber)
        }
        return .success(value)
    }

    /// `text` as a whole number of units: digits only.
    static func wholeNumber(_ text: String) -> Result<Int, Problem> {
        if text.isEmpty { return .failure(.empty) }
        if text.hasPrefix("-") {
            return isPlainDecimal(text.dropFirst()) ? .failure(.negative) : .failure(.notANumber)
        }
        guard text.allSatisfy(isDigit) else { return .failure(.notANumber) }
        if text.count > maximumIntegerDigits { return .failure(.tooLarge) }
        guard let value = Int(text) else { return .failure(.notANumber) }
        return .success(value)
    }

    /// Whether `text` is `YYYY-MM` with a month from 01 to 12.
    static func isMonth(_ text: String) -> Bool {
        let characters = Array(text)
        guard characters.count == 7, characters[4] == "-",
              characters[0..<4].allSatisfy(isDigit), characters[5..<7].allSatisfy(isDigit),
              let month = Int(String(characters[5..<7])) else { return false }
        return (1...12).contains(month)
    }

    /// `0`–`9` only (`Character.isNumber` also accepts other scripts' digits and fractions).
    private static func isDigit(_ character: Character) -> Bool { ("0"..."9").contains(character) }

    /// Digits with at most one `.` that has digits on both sides.
    private static func isPlainDecimal(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(isDigit) }
    }
}
