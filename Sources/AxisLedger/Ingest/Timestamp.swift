/// An instant, kept as milliseconds since the Unix epoch in UTC.
///
/// The ledger stores it as `YYYY-MM-DDTHH:MM:SS.sssZ` text (``iso8601``) and
/// counts by its UTC calendar month (``month``), so that a time written with
/// any offset lands in the month it falls in at UTC.
public struct Timestamp: Sendable, Hashable, Comparable {
    public var millisecondsSinceEpoch: Int64

    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}

extension Timestamp {
    /// The instant at a UTC calendar date and time. The caller checks ranges.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        let days = Timestamp.daysFromCivil(year: year, month: month, day: day)
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(millisecondsSinceEpoch: seconds * 1000 + Int64(millisecond))
    }

    /// The UTC calendar fields of this instant.
    public var utcFields: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        let ms = millisecondsSinceEpoch
        let dayNumber = Int(ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000)
        let msOfDay = Int(ms - Int64(dayNumber) * 86_400_000)
        let (y, m, d) = Timestamp.civilFromDays(dayNumber)
        return (y, m, d, msOfDay / 3_600_000, msOfDay / 60_000 % 60, msOfDay / 1000 % 60, msOfDay % 1000)
    }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ`, the form stored in the database.
    public var iso8601: String { storedForms.iso8601 }

    /// `YYYY-MM`, the UTC calendar month.
    public var month: String { storedForms.month }

    /// `YYYY-MM-DD`, the UTC calendar day.
    public var day: String { String(storedForms.iso8601.prefix(10)) }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}


extension Timestamp {
    /// The stored time text and its month, formatted together into bytes
    /// without string interpolation: ingest stores both for every line, and
    /// ``iso8601``, ``month`` and ``day`` are read from it. Years are four
    /// digits (the parser accepts 1970 to 9999).
    public var storedForms: (iso8601: String, month: String) {
        let f = utcFields
        var bytes = [UInt8](repeating: 0, count: 24)
        @inline(__always) func put(_ value: Int, _ width: Int, at offset: Int) {
            var v = value
            for i in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[i] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                v /= 10
            }
        }
        put(f.year, 4, at: 0); bytes[4] = 0x2D
        put(f.month, 2, at: 5); bytes[7] = 0x2D
        put(f.day, 2, at: 8); bytes[10] = 0x54
        put(f.hour, 2, at: 11); bytes[13] = 0x3A
        put(f.minute, 2, at: 14); bytes[16] = 0x3A
        put(f.second, 2, at: 17); bytes[19] = 0x2E
        put(f.millisecond, 3, at: 20); bytes[23] = 0x5A
        return (String(decoding: bytes, as: UTF8.self), String(decoding: bytes[0..<7], as: UTF8.self))
    }
}
