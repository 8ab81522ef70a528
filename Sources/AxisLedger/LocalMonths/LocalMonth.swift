import Foundation

/// One billing month in one org's time zone: its first instant and the first
/// instant of the next local month, in UTC (docs/pricing.md, "Time zones").
///
/// Computed with the zone's rules (Foundation's copy of the IANA database),
/// so a month that contains a DST change is an hour longer or shorter than
/// its days times 24 hours: Europe/Berlin's October 2026 runs from
/// 2026-09-30T22:00:00Z (CEST, +02:00) to 2026-10-31T23:00:00Z (CET, +01:00).
public struct LocalMonth: Sendable, Equatable {
    /// `YYYY-MM`, the month as the org's calendar names it.
    public var month: String
    /// The IANA name of the zone, e.g. `Europe/Berlin`.
    public var timeZone: String
    /// The month's first instant, UTC, `YYYY-MM-DDTHH:MM:SSZ`.
    public var start: String
    /// The next month's first instant, UTC (not part of the month).
    public var end: String

    /// `month` in `zone`, or nil when `month` is not `YYYY-MM`.
    public init?(month: String, in zone: TimeZone) {
        guard let (year, number) = MonthText.parse(month) else { return nil }
        let next = number == 12 ? (year + 1, 1) : (year, number + 1)
        guard let start = Self.firstInstant(year: year, month: number, day: 1, in: zone),
              let end = Self.firstInstant(year: next.0, month: next.1, day: 1, in: zone) else { return nil }
        self.month = month
        self.timeZone = zone.identifier
        self.start = Self.text(start)
        self.end = Self.text(end)
    }

    /// The month's bounds as the ledger stores times (`…T22:00:00.000Z`), for
    /// comparing with `billed_at` and `occurred_at` as text.
    public var storedStart: String { Self.stored(start) }
    public var storedEnd: String { Self.stored(end) }

    /// The UTC months the local month overlaps (the one before, itself and the
    /// one after, as far as they exist): `billed_generation_firsts` is indexed
    /// by UTC month, so a count seeks these and filters on the bounds.
    public var utcMonths: [String] { [Self.neighbour(of: month, by: -1), month, Self.neighbour(of: month, by: 1)] }

    /// The month `offset` months from `month` (`YYYY-MM`), e.g. -1 for the one before; `month` itself when it is not a month.
    public static func neighbour(of month: String, by offset: Int) -> String {
        guard let (year, number) = MonthText.parse(month) else { return month }
        let index = year * 12 + (number - 1) + offset
        return String(format: "%04d-%02d", index / 12, index % 12 + 1)
    }

    /// The local days of the month, each as (day `YYYY-MM-DD`, start, end) in
    /// stored UTC text: the days of a statement's chart for a zoned org.
    public func days(in zone: TimeZone) -> [(day: String, start: String, end: String)] {
        guard let (year, number) = MonthText.parse(month) else { return [] }
        let count = Timestamp.daysIn(year: year, month: number)
        let starts = (1...count).compactMap { Self.firstInstant(year: year, month: number, day: $0, in: zone) }
        guard starts.count == count else { return [] }
        return (0..<count).map { index in
            let day = String(format: "%@-%02d", month, index + 1)
            let end = index + 1 < count ? Self.stored(Self.text(starts[index + 1])) : storedEnd
            return (day, Self.stored(Self.text(starts[index])), end)
        }
    }

    /// The line a statement shows, e.g.
    /// `month 2026-10 in Europe/Berlin: 2026-09-30T22:00:00Z to 2026-10-31T23:00:00Z`.
    public var sentence: String { "month \(month) in \(timeZone): \(start) to \(end)" }

    /// The first instant of a local calendar day: its midnight, or, where the
    /// zone skips midnight (a DST change at 00:00), the first time that exists.
    /// Found from the day's noon, which every zone has.
    static func firstInstant(year: Int, month: Int, day: Int, in zone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (12, 0, 0)
        return calendar.date(from: components).map { calendar.startOfDay(for: $0) }
    }

    static func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        return formatter.string(from: date)
    }

    static func stored(_ text: String) -> String { String(text.dropLast()) + ".000Z" }
}
