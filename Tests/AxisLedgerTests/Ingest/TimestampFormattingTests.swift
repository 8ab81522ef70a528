import Testing
@testable import AxisLedger

struct TimestampFormattingTests {
    @Test(arguments: [
        (Timestamp(year: 2026, month: 10, day: 3, hour: 10, minute: 15, second: 22, millisecond: 120), "2026-10-03T10:15:22.120Z", "2026-10"),
        (Timestamp(year: 1970, month: 1, day: 1), "1970-01-01T00:00:00.000Z", "1970-01"),
        (Timestamp(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59, millisecond: 999), "2024-02-29T23:59:59.999Z", "2024-02"),
        (Timestamp(year: 1969, month: 12, day: 31, hour: 23), "1969-12-31T23:00:00.000Z", "1969-12"),
    ])
    func formatsAsUTCWithMilliseconds(timestamp: Timestamp, iso8601: String, month: String) {
        #expect(timestamp.iso8601 == iso8601)
        #expect(timestamp.month == month)
    }

    @Test func civilDateRoundTripsOverFourCenturies() {
        var days = Timestamp.daysFromCivil(year: 1900, month: 1, day: 1)
        let end = Timestamp.daysFromCivil(year: 2300, month: 1, day: 1)
        while days < end {
            let (y, m, d) = Timestamp.civilFromDays(days)
            #expect(Timestamp.daysFromCivil(year: y, month: m, day: d) == days)
            days += 97
        }
    }
}
