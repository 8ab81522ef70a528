import Testing
@testable import AxisLedger

/// `Timestamp(rfc3339:)`: RFC 3339 with a required offset, converted to UTC.
struct RFC3339TimestampTests {
    @Test(arguments: [
        ("2026-10-03T10:15:22.120Z", "2026-10-03T10:15:22.120Z"),
        ("2026-10-03T10:15:22Z", "2026-10-03T10:15:22.000Z"),
        ("2026-10-03t10:15:22z", "2026-10-03T10:15:22.000Z"),
        ("2026-10-03T10:16:01+02:00", "2026-10-03T08:16:01.000Z"),
        ("2026-10-03T10:16:01-05:30", "2026-10-03T15:46:01.000Z"),
        ("2026-10-03T10:16:01-00:00", "2026-10-03T10:16:01.000Z"),
        ("2026-11-01T00:30:00+01:00", "2026-10-31T23:30:00.000Z"),
        ("2026-12-31T23:30:00-01:00", "2027-01-01T00:30:00.000Z"),
        ("2026-10-03T10:15:22.1Z", "2026-10-03T10:15:22.100Z"),
        ("2026-10-03T10:15:22.12Z", "2026-10-03T10:15:22.120Z"),
        ("2026-10-03T10:15:22.123999999Z", "2026-10-03T10:15:22.123Z"),
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"),
        ("2000-02-29T12:00:00Z", "2000-02-29T12:00:00.000Z"),
        ("2026-10-03T23:59:59+23:59", "2026-10-03T00:00:59.000Z"),
        ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"),
        ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
    ])
    func validTimesConvertToUTC(text: String, utc: String) throws {
        #expect(try Timestamp(rfc3339: text).iso8601 == utc)
    }

    @Test func offsetAcrossMonthEndChangesTheMonth() throws {
        #expect(try Timestamp(rfc3339: "2026-11-01T00:30:00+01:00").month == "2026-10")
    }

    @Test(arguments: [
        ("2026-10-03T10:15:22", "has no UTC offset (add Z or ±hh:mm)"),
        ("2026-10-03T10:15:22.120", "has no UTC offset (add Z or ±hh:mm)"),
        ("2026-10-03T10:15:22+0200", "has a malformed UTC offset (expected Z or ±hh:mm)"),
        ("2026-10-03T10:15:22+02", "has a malformed UTC offset (expected Z or ±hh:mm)"),
        ("2026-10-03T10:15:22Z ", "has a malformed UTC offset (expected Z or ±hh:mm)"),
        ("2026-10-03T10:15:22UTC", "has a malformed UTC offset (expected Z or ±hh:mm)"),
        ("2026-10-03T10:15:22+24:00", "has UTC offset +24:00 out of range (hours 00 to 23, minutes 00 to 59)"),
        ("2026-10-03T10:15:22-01:60", "has UTC offset -01:60 out of range (hours 00 to 23, minutes 00 to 59)"),
        ("2026-10-03 10:15:22Z", "separates date and time with a space (use T)"),
        ("2026-10-03", "is not an RFC 3339 date-time (expected YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±hh:mm)"),
        ("2026-10-03T10:15Z", "is not an RFC 3339 date-time (expected YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±hh:mm)"),
        ("2026-10-03T10:15:22.Z", "is not an RFC 3339 date-time (expected YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±hh:mm)"),
        ("26-10-03T10:15:22Z", "is not an RFC 3339 date-time (expected YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±hh:mm)"),
        ("2026/10/03T10:15:22Z", "is not an RFC 3339 date-time (expected YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±hh:mm)"),
        ("", "is not an RFC 3339 date-time (expected YYYY-MM-DDTHH:MM:SS[.fraction] then Z or ±hh:mm)"),
        ("2026-00-03T10:15:22Z", "has month 0 (expected 01 to 12)"),
        ("2026-13-03T10:15:22Z", "has month 13 (expected 01 to 12)"),
        ("2026-10-00T10:15:22Z", "has day 0, but 2026-10 has 31 days"),
        ("2026-04-31T10:15:22Z", "has day 31, but 2026-04 has 30 days"),
        ("2026-02-29T10:15:22Z", "has day 29, but 2026-02 has 28 days"),
        ("1900-02-29T10:15:22Z", "has day 29, but 1900-02 has 28 days"),
        ("2026-10-03T24:00:00Z", "has hour 24 (expected 00 to 23)"),
        ("2026-10-03T10:60:00Z", "has minute 60 (expected 00 to 59)"),
        ("2026-12-31T23:59:60Z", "has second 60 (expected 00 to 59; leap seconds are not accepted)"),
        ("0001-01-01T00:00:00Z", "is out of range (years 1970 to 9999 at UTC)"),
        ("1970-01-01T00:30:00+01:00", "is out of range (years 1970 to 9999 at UTC)"),
        ("9999-12-31T23:30:00-01:00", "is out of range (years 1970 to 9999 at UTC)"),
    ])
    func invalidTimesAreRejectedWithTheProblem(text: String, problem: String) {
        #expect(throws: TimestampSyntaxError(problem)) { try Timestamp(rfc3339: text) }
    }

    @Test func veryLongFractionIsTruncatedNotRejected() throws {
        let text = "2026-10-03T10:15:22." + String(repeating: "9", count: 100_000) + "Z"
        #expect(try Timestamp(rfc3339: text).iso8601 == "2026-10-03T10:15:22.999Z")
    }
}
