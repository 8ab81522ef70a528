/// How a profile's lines write their time (`timestamp.format`): RFC 3339, a
/// count since the Unix epoch, or a strftime pattern.
public enum TimestampFormat: Sendable, Equatable {
    case rfc3339
    /// Seconds since the epoch, a fraction allowed (nginx `$msec`: `1759276803.123`).
    case epochSeconds
    case epochMillis
    case epochMicros
    /// A strftime pattern such as `%Y-%m-%d %H:%M:%S.%f`.
    case pattern(TimestampPattern)

    /// The names a profile may write, for messages.
    public static let namedFormats = ["rfc3339", "epoch_seconds", "epoch_millis", "epoch_micros"]

    /// - Throws: what is wrong with the text and what to write instead.
    public init(_ text: String) throws(TimestampPatternError) {
        switch text {
        case "rfc3339": self = .rfc3339
        case "epoch_seconds": self = .epochSeconds
        case "epoch_millis": self = .epochMillis
        case "epoch_micros": self = .epochMicros
        default:
            guard text.contains("%") else {
                throw TimestampPatternError(message: "unknown timestamp format `\(text)`; use one of \(Self.namedFormats.joined(separator: ", ")) or a strftime pattern such as \"%Y-%m-%d %H:%M:%S.%f\"")
            }
            self = .pattern(try TimestampPattern(text))
        }
    }

    var isEpoch: Bool {
        switch self {
        case .epochSeconds, .epochMillis, .epochMicros: return true
        case .rfc3339, .pattern: return false
        }
    }

    /// Digits of a count since the epoch (`-?[0-9]+(\.[0-9]+)?`) as milliseconds, truncated toward
    /// the past below a millisecond; nil when the text is no such number.
    func epochMilliseconds(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)[...]
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let whole = bytes.prefix { $0 >= 0x30 && $0 <= 0x39 }
        var rest = bytes.dropFirst(whole.count)
        guard !whole.isEmpty, whole.count <= 18 else { return nil }
        var fraction: ArraySlice<UInt8> = []
        if let dot = rest.first {
            guard dot == UInt8(ascii: "."), rest.count > 1 else { return nil }
            rest = rest.dropFirst()
            guard rest.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            fraction = rest
        }
        let wholeValue = Int64(String(decoding: whole, as: UTF8.self))!
        let fractionIsZero = !fraction.contains { $0 != 0x30 }
        // The magnitude in whole milliseconds, and whether something below a millisecond was cut.
        var magnitude: Int64
        var cut: Bool
        switch self {
        case .epochSeconds:
            var digits = Array(fraction.prefix(3))
            while digits.count < 3 { digits.append(0x30) }
            let (scaled, overflow) = wholeValue.multipliedReportingOverflow(by: 1000)
            guard !overflow else { return nil }
            magnitude = scaled + Int64(String(decoding: digits, as: UTF8.self))!
            cut = fraction.dropFirst(3).contains { $0 != 0x30 }
        case .epochMicros:
            magnitude = wholeValue / 1000
            cut = wholeValue % 1000 != 0 || !fractionIsZero
        default:
            magnitude = wholeValue
            cut = !fractionIsZero
        }
        // Toward the past, as a clock that ticks in milliseconds would show it.
        return negative ? -magnitude - (cut ? 1 : 0) : magnitude
    }

    /// The text of an instant in this format, for a line written in a profile's shape.
    func text(_ timestamp: Timestamp, zone: ProfileTimeZone?) -> String {
        let ms = timestamp.millisecondsSinceEpoch
        switch self {
        case .rfc3339: return timestamp.iso8601
        case .epochMillis: return String(ms)
        case .epochMicros: return String(ms * 1000)
        case .epochSeconds:
            let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
            let fraction = ms - seconds * 1000
            let digits = String(fraction)
            return "\(seconds)." + String(repeating: "0", count: 3 - digits.count) + digits
        case .pattern(let pattern):
            let offset = zone?.offsetSeconds(at: timestamp) ?? 0
            return pattern.format(timestamp, offsetSeconds: offset)
        }
    }
}

/// A strftime pattern: the directives `%Y %m %d %H %M %S %f %z %b %F %T %%`,
/// everything else literal text.
public struct TimestampPattern: Sendable, Equatable {
    enum Piece: Equatable, Sendable {
        case literal(UInt8)
        case year, month, monthName, day, hour, minute, second, fraction, offset
    }

    public let text: String
    let pieces: [Piece]

    /// The directives a pattern may use, for messages.
    public static let directives = "%Y (year), %m (month 01-12), %b (Jan-Dec), %d (day), %H (hour 00-23), %M (minute), %S (second), %f (1 to 9 fraction digits), %z (Z, +HH:MM or +HHMM), %F (%Y-%m-%d), %T (%H:%M:%S), %% (a %)"

    public init(_ text: String) throws(TimestampPatternError) {
        self.text = text
        var pieces: [Piece] = []
        var bytes = Array(text.utf8).makeIterator()
        while let byte = bytes.next() {
            guard byte == UInt8(ascii: "%") else {
                pieces.append(.literal(byte))
                continue
            }
            switch bytes.next().map({ Character(Unicode.Scalar($0)) }) {
            case "Y": pieces.append(.year)
            case "m": pieces.append(.month)
            case "b": pieces.append(.monthName)
            case "d": pieces.append(.day)
            case "H": pieces.append(.hour)
            case "M": pieces.append(.minute)
            case "S": pieces.append(.second)
            case "f": pieces.append(.fraction)
            case "z": pieces.append(.offset)
            case "F": pieces += [.year, .literal(UInt8(ascii: "-")), .month, .literal(UInt8(ascii: "-")), .day]
            case "T": pieces += [.hour, .literal(UInt8(ascii: ":")), .minute, .literal(UInt8(ascii: ":")), .second]
            case "%": pieces.append(.literal(UInt8(ascii: "%")))
            case let other?:
                throw TimestampPatternError(message: "the pattern \"\(text)\" uses %\(other), which is not supported; the directives are \(Self.directives)")
            case nil:
                throw TimestampPatternError(message: "the pattern \"\(text)\" ends in a lone %; write %% for a percent sign")
            }
        }
        for required in [Piece.year, .day, .hour, .minute] where !pieces.contains(required) {
            throw TimestampPatternError(message: "the pattern \"\(text)\" has no \(Self.name(of: required)); a time needs a year, month, day, hour and minute")
        }
        guard pieces.contains(.month) || pieces.contains(.monthName) else {
            throw TimestampPatternError(message: "the pattern \"\(text)\" has no month (%m or %b); a time needs a year, month, day, hour and minute")
        }
        self.pieces = pieces
    }

    private static func name(of piece: Piece) -> String {
        switch piece {
        case .year: return "year (%Y)"
        case .day: return "day (%d)"
        case .hour: return "hour (%H)"
        case .minute: return "minute (%M)"
        default: return "\(piece)"
        }
    }

    /// Whether the pattern reads an offset (`%z`): then each line says its own.
    public var hasOffset: Bool { pieces.contains(.offset) }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The fields of a time written in this pattern.
    struct Fields: Equatable {
        var year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0, millisecond = 0
        /// The offset east of UTC, when the text has one.
        var offsetSeconds: Int?

        /// The local time read as if it were UTC, in milliseconds.
        var localMilliseconds: Int64 {
            Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millisecond).millisecondsSinceEpoch
        }
    }

    /// Reads `text` whole; the message says what did not match.
    func read(_ text: String) throws(TimestampPatternError) -> Fields {
        let bytes = Array(text.utf8)
        var at = 0
        var fields = Fields()
        func digits(_ count: ClosedRange<Int>, _ what: String) throws(TimestampPatternError) -> (value: Int, count: Int) {
            var value = 0, taken = 0
            while taken < count.upperBound, at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 {
                value = value * 10 + Int(bytes[at] - 0x30)
                at += 1
                taken += 1
            }
            guard taken >= count.lowerBound else { throw TimestampPatternError(message: "does not match \"\(self.text)\": expected \(what) at character \(at + 1)") }
            return (value, taken)
        }
        for piece in pieces {
            switch piece {
            case .literal(let byte):
                guard at < bytes.count, bytes[at] == byte else {
                    throw TimestampPatternError(message: "does not match \"\(self.text)\": expected \"\(Character(Unicode.Scalar(byte)))\" at character \(at + 1)")
                }
                at += 1
            case .year: fields.year = try digits(4...4, "a 4-digit year").value
            case .month: fields.month = try digits(2...2, "a 2-digit month").value
            case .monthName:
                let name = at + 3 <= bytes.count ? String(decoding: bytes[at..<at + 3], as: UTF8.self) : ""
                guard let index = Self.monthNames.firstIndex(of: name) else {
                    throw TimestampPatternError(message: "does not match \"\(self.text)\": expected a month name (Jan to Dec) at character \(at + 1)")
                }
                fields.month = index + 1
                at += 3
            case .day: fields.day = try digits(2...2, "a 2-digit day").value
            case .hour: fields.hour = try digits(2...2, "a 2-digit hour").value
            case .minute: fields.minute = try digits(2...2, "2-digit minutes").value
            case .second: fields.second = try digits(2...2, "2-digit seconds").value
            case .fraction:
                let start = at
                let (value, count) = try digits(1...9, "1 to 9 fraction digits")
                _ = start
                var ms = value
                if count > 3 { for _ in 0..<(count - 3) { ms /= 10 } } else { for _ in count..<3 { ms *= 10 } }
                fields.millisecond = ms
            case .offset:
                fields.offsetSeconds = try readOffset(bytes, &at)
            }
        }
        guard at == bytes.count else {
            throw TimestampPatternError(message: "does not match \"\(self.text)\": unexpected text after character \(at)")
        }
        guard (1...12).contains(fields.month), (1...Timestamp.daysIn(year: fields.year, month: fields.month)).contains(fields.day),
              (0...23).contains(fields.hour), (0...59).contains(fields.minute), (0...59).contains(fields.second) else {
            throw TimestampPatternError(message: "is not a real date and time")
        }
        return fields
    }

    private func readOffset(_ bytes: [UInt8], _ at: inout Int) throws(TimestampPatternError) -> Int {
        guard at < bytes.count else { throw TimestampPatternError(message: "does not match \"\(text)\": expected an offset (Z or +HH:MM) at the end") }
        if bytes[at] == UInt8(ascii: "Z") || bytes[at] == UInt8(ascii: "z") {
            at += 1
            return 0
        }
        guard bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") else {
            throw TimestampPatternError(message: "does not match \"\(text)\": expected an offset (Z, +HH:MM or +HHMM) at character \(at + 1)")
        }
        let sign = bytes[at] == UInt8(ascii: "-") ? -1 : 1
        at += 1
        func two() -> Int? {
            guard at + 2 <= bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39, bytes[at + 1] >= 0x30, bytes[at + 1] <= 0x39 else { return nil }
            defer { at += 2 }
            return Int(bytes[at] - 0x30) * 10 + Int(bytes[at + 1] - 0x30)
        }
        guard let hours = two(), hours <= 23 else { throw TimestampPatternError(message: "does not match \"\(text)\": expected offset hours at character \(at + 1)") }
        var minutes = 0
        if at < bytes.count, bytes[at] == UInt8(ascii: ":") { at += 1 }
        if at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 {
            guard let m = two(), m <= 59 else { throw TimestampPatternError(message: "does not match \"\(text)\": expected offset minutes at character \(at + 1)") }
            minutes = m
        }
        return sign * (hours * 3600 + minutes * 60)
    }

    /// An instant written in this pattern at an offset east of UTC.
    func format(_ timestamp: Timestamp, offsetSeconds: Int) -> String {
        let local = Timestamp(millisecondsSinceEpoch: timestamp.millisecondsSinceEpoch + Int64(offsetSeconds) * 1000).utcFields
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var out = ""
        var literal: [UInt8] = []
        for piece in pieces {
            if case .literal(let byte) = piece {
                literal.append(byte)
                continue
            }
            out += String(decoding: literal, as: UTF8.self)
            literal = []
            switch piece {
            case .literal: break
            case .year: out += pad(local.year, 4)
            case .month: out += pad(local.month, 2)
            case .monthName: out += Self.monthNames[local.month - 1]
            case .day: out += pad(local.day, 2)
            case .hour: out += pad(local.hour, 2)
            case .minute: out += pad(local.minute, 2)
            case .second: out += pad(local.second, 2)
            case .fraction: out += pad(local.millisecond, 3)
            case .offset:
                let sign = offsetSeconds < 0 ? "-" : "+"
                let magnitude = abs(offsetSeconds)
                out += sign + pad(magnitude / 3600, 2) + ":" + pad(magnitude / 60 % 60, 2)
            }
        }
        return out + String(decoding: literal, as: UTF8.self)
    }
}

/// Why a timestamp format or a time is not what the profile says, in words for a person.
public struct TimestampPatternError: Error, Sendable, Equatable {
    public var message: String
}
