/// Reading RFC 3339 date-times (`2026-10-03T10:15:22.120Z`, `2026-10-03T12:15:22+02:00`).
///
/// The ledger counts by UTC month, so a time without an offset would be a guess
/// and is rejected. Fractions of any length are truncated to milliseconds.
/// Leap seconds (`:60`) are rejected: they cannot be placed on the UTC axis the
/// ledger stores. Instants before 1970 or after 9999 are rejected as out of
/// range (a zero date such as `0001-01-01T00:00:00Z` is a bug upstream, not a time).
extension Timestamp {
    public init(rfc3339 text: String) throws(TimestampSyntaxError) {
        try self.init(rfc3339: Array(text.utf8)[...])
    }

    public init(rfc3339 text: ArraySlice<UInt8>) throws(TimestampSyntaxError) {
        let s = text.startIndex
        func number(_ offset: Int, _ count: Int) -> Int? {
            guard text.endIndex - s >= offset + count else { return nil }
            var value = 0
            for index in (s + offset)..<(s + offset + count) {
                guard text[index].isDigit else { return nil }
                value = value * 10 + Int(text[index] - .zero)
            }
            return value
        }
        func byte(_ offset: Int) -> UInt8? { s + offset < text.endIndex ? text[s + offset] : nil }

        guard let year = number(0, 4), byte(4) == .minus, let month = number(5, 2), byte(7) == .minus,
              let day = number(8, 2) else { throw .notRFC3339 }
        if byte(10) == .space { throw .spaceSeparator }
        guard byte(10) == UInt8(ascii: "T") || byte(10) == UInt8(ascii: "t"),
              let hour = number(11, 2), byte(13) == .colon, let minute = number(14, 2), byte(16) == .colon,
              let second = number(17, 2) else { throw .notRFC3339 }

        var cursor = s + 19
        var millisecond = 0
        if cursor < text.endIndex, text[cursor] == .dot {
            cursor += 1
            let fractionStart = cursor
            while cursor < text.endIndex, text[cursor].isDigit {
                if cursor - fractionStart < 3 { millisecond = millisecond * 10 + Int(text[cursor] - .zero) }
                cursor += 1
            }
            guard cursor > fractionStart else { throw .notRFC3339 }
            for _ in min(cursor - fractionStart, 3)..<3 { millisecond *= 10 }
        }

        guard cursor < text.endIndex else { throw .missingOffset }
        var offsetMinutes = 0
        switch text[cursor] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard cursor + 1 == text.endIndex else { throw .malformedOffset }
        case .plus, .minus:
            let sign = text[cursor] == .minus ? -1 : 1
            let relative = cursor - s
            guard text.endIndex - cursor == 6, let hours = number(relative + 1, 2), byte(relative + 3) == .colon,
                  let minutes = number(relative + 4, 2) else { throw .malformedOffset }
            guard hours <= 23, minutes <= 59 else {
                throw TimestampSyntaxError("has UTC offset \(String(decoding: text[cursor...], as: UTF8.self)) out of range (hours 00 to 23, minutes 00 to 59)")
            }
            offsetMinutes = sign * (hours * 60 + minutes)
        default:
            throw .malformedOffset
        }

        guard (1...12).contains(month) else { throw TimestampSyntaxError("has month \(month) (expected 01 to 12)") }
        let days = Timestamp.daysIn(year: year, month: month)
        guard (1...days).contains(day) else {
            throw TimestampSyntaxError("has day \(day), but \(Timestamp.fourDigits(year))-\(month < 10 ? "0" : "")\(month) has \(days) days")
        }
        guard hour <= 23 else { throw TimestampSyntaxError("has hour \(hour) (expected 00 to 23)") }
        guard minute <= 59 else { throw TimestampSyntaxError("has minute \(minute) (expected 00 to 59)") }
        guard second <= 59 else {
            throw TimestampSyntaxError("has second \(second) (expected 00 to 59; leap seconds are not accepted)")
        }

        let local = Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millisecond)
        let utc = local.millisecondsSinceEpoch - Int64(offsetMinutes) * 60_000
        guard utc >= 0, utc < Timestamp.endOfYear9999 else { throw .outOfRange }
        self.init(millisecondsSinceEpoch: utc)
    }

    private static let endOfYear9999 = Timestamp(year: 10_000, month: 1, day: 1).millisecondsSinceEpoch

    private static func fourDigits(_ year: Int) -> String {
        let digits = String(year)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
