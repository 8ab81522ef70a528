import Testing
@testable import AxisLedger

/// Timestamp formats of input profiles: epoch counts, strftime patterns with
/// fractions and offsets, and local times in an IANA zone across DST changes.
struct ProfileTimestampTests {
    /// A profile of one field, `timestamp: /t`, in the given format and zone.
    private func mapper(_ format: String, zone: String? = nil) throws -> ProfileMapper {
        var yaml = "kind: requests\nfields:\n  timestamp: /t\ntimestamp:\n  format: \"\(format)\"\n"
        if let zone { yaml += "  timezone: \(zone)\n" }
        return ProfileMapper(profile: try InputProfileLoader.parse(Array(yaml.utf8), fileName: "t.yaml", defaultName: "t"))
    }

    /// The stored time of a request line whose `t` is `value` (JSON text), or the reject reason.
    private func stored(_ mapper: ProfileMapper, _ value: String) -> String {
        let line = #"{"t":\#(value),"orgId":"org_a","endpoint":"/v1/generate-image","httpStatus":200}"#
        switch mapper.parse(jsonLine: Array(line.utf8)).result {
        case .success(.request(let attempt)): return attempt.occurredAt.iso8601
        case .success(.response): return "unexpected response record"
        case .failure(let reason): return "rejected: " + reason.message
        }
    }

    static let epochCases: [(format: String, value: String, expected: String)] = [
        ("epoch_seconds", "1790812800", "2026-10-01T00:00:00.000Z"),
        ("epoch_seconds", "1790812800.5", "2026-10-01T00:00:00.500Z"),
        ("epoch_seconds", "1790812800.123456", "2026-10-01T00:00:00.123Z"),
        ("epoch_seconds", "\"1790812800.123\"", "2026-10-01T00:00:00.123Z"),
        ("epoch_seconds", "0", "1970-01-01T00:00:00.000Z"),
        ("epoch_millis", "1790812800123", "2026-10-01T00:00:00.123Z"),
        ("epoch_millis", "\"1790812800123\"", "2026-10-01T00:00:00.123Z"),
        ("epoch_micros", "1790812800123456", "2026-10-01T00:00:00.123Z"),
        ("epoch_micros", "1790812800999999", "2026-10-01T00:00:00.999Z"),
    ]

    @Test(arguments: epochCases)
    func anEpochCountIsReadInItsUnit(format: String, value: String, expected: String) throws {
        #expect(stored(try mapper(format), value) == expected)
    }

    @Test func anEpochFieldThatIsNoNumberIsRejectedNamingThePointer() throws {
        let reason = stored(try mapper("epoch_millis"), "\"yesterday\"")
        #expect(reason == #"rejected: "/t" (timestamp) must be a count of milliseconds since the Unix epoch (a number of digits, a fraction allowed), found "yesterday""#)
        #expect(stored(try mapper("epoch_millis"), "-1").contains("out of range (years 1970 to 9999 at UTC)"), "the documented range holds")
        #expect(stored(try mapper("epoch_seconds"), "true").hasPrefix(#"rejected: "/t" (timestamp) must be a count of seconds since the Unix epoch, found a boolean"#))
    }

    static let patternCases: [(pattern: String, zone: String?, value: String, expected: String)] = [
        ("%Y-%m-%d %H:%M:%S", "UTC", "2026-10-01 12:34:56", "2026-10-01T12:34:56.000Z"),
        ("%Y-%m-%d %H:%M:%S.%f", "UTC", "2026-10-01 12:34:56.7", "2026-10-01T12:34:56.700Z"),
        ("%Y-%m-%d %H:%M:%S.%f", "UTC", "2026-10-01 12:34:56.123456789", "2026-10-01T12:34:56.123Z"),
        ("%Y-%m-%dT%H:%M:%S.%f%z", nil, "2026-10-01T12:34:56.250+02:00", "2026-10-01T10:34:56.250Z"),
        ("%Y-%m-%dT%H:%M:%S%z", nil, "2026-10-01T12:34:56-0530", "2026-10-01T18:04:56.000Z"),
        ("%Y-%m-%dT%H:%M:%S%z", nil, "2026-10-01T12:34:56Z", "2026-10-01T12:34:56.000Z"),
        ("%d/%b/%Y:%H:%M:%S %z", nil, "10/Oct/2026:13:55:36 +0200", "2026-10-10T11:55:36.000Z"),
        ("%F %T", "Europe/Paris", "2026-07-14 12:00:00", "2026-07-14T10:00:00.000Z"),
        ("%F %T", "Europe/Paris", "2026-01-14 12:00:00", "2026-01-14T11:00:00.000Z"),
        // A time that carries its own offset keeps it, whatever the zone.
        ("%F %T%z", "Europe/Paris", "2026-10-25 02:30:00+01:00", "2026-10-25T01:30:00.000Z"),
        ("%F %T%z", "Europe/Paris", "2026-10-25 02:30:00+02:00", "2026-10-25T00:30:00.000Z"),
    ]

    @Test(arguments: patternCases)
    func aStrftimePatternIsReadWithItsFractionAndOffset(pattern: String, zone: String?, value: String, expected: String) throws {
        #expect(stored(try mapper(pattern, zone: zone), "\"\(value)\"") == expected)
    }

    static let dstCases: [(zone: String, value: String, expected: String)] = [
        // Europe/Paris: clocks go forward at 02:00 on 2026-03-29, back at 03:00 on 2026-10-25.
        ("Europe/Paris", "2026-03-29 01:59:59", "2026-03-29T00:59:59.000Z"),
        ("Europe/Paris", "2026-03-29 02:30:00", "does not exist in Europe/Paris"),
        ("Europe/Paris", "2026-03-29 03:00:00", "2026-03-29T01:00:00.000Z"),
        ("Europe/Paris", "2026-10-25 01:59:59", "2026-10-24T23:59:59.000Z"),
        ("Europe/Paris", "2026-10-25 02:30:00", "happens twice in Europe/Paris"),
        ("Europe/Paris", "2026-10-25 03:00:00", "2026-10-25T02:00:00.000Z"),
        // America/New_York: forward at 02:00 on 2026-03-08, back at 02:00 on 2026-11-01.
        ("America/New_York", "2026-03-08 02:15:00", "does not exist in America/New_York"),
        ("America/New_York", "2026-11-01 01:30:00", "happens twice in America/New_York"),
        ("America/New_York", "2026-11-01 02:30:00", "2026-11-01T07:30:00.000Z"),
    ]

    @Test(arguments: dstCases)
    func aLocalTimeIsResolvedInItsZoneAndTheRepeatedAndMissingHoursAreErrors(zone: String, value: String, expected: String) throws {
        let result = stored(try mapper("%Y-%m-%d %H:%M:%S", zone: zone), "\"\(value)\"")
        if expected.hasPrefix("20") {
            #expect(result == expected)
        } else {
            #expect(result.hasPrefix("rejected: \"/t\" (timestamp) \"\(value)\" "), "\(result)")
            #expect(result.contains(expected), "\(result)")
        }
    }

    @Test func theRepeatedHourNamesBothInstantsAndAsksForTheOffset() throws {
        let result = stored(try mapper("%Y-%m-%d %H:%M:%S", zone: "Europe/Paris"), "\"2026-10-25 02:30:00\"")
        #expect(result.contains("2026-10-25T00:30:00.000Z or 2026-10-25T01:30:00.000Z"), "\(result)")
        #expect(result.contains("the line must carry its offset"))
    }

    @Test func rfc3339WithAZoneReadsTimesWithoutAnOffsetThereAndKeepsAnOffsetWhereWritten() throws {
        let paris = try mapper("rfc3339", zone: "Europe/Paris")
        #expect(stored(paris, "\"2026-10-01T12:00:00.250\"") == "2026-10-01T10:00:00.250Z")
        #expect(stored(paris, "\"2026-10-01T12:00:00Z\"") == "2026-10-01T12:00:00.000Z")
        #expect(stored(paris, "\"2026-10-25T02:30:00\"").contains("happens twice in Europe/Paris"))
        // Without a zone such times are rejected as in the documented shape.
        #expect(stored(try mapper("rfc3339"), "\"2026-10-01T12:00:00\"").contains("has no UTC offset"))
    }

    @Test func aTimeThatDoesNotMatchThePatternSaysWhere() throws {
        let result = stored(try mapper("%Y-%m-%d %H:%M:%S", zone: "UTC"), "\"2026-10-01T12:00:00\"")
        #expect(result == #"rejected: "/t" (timestamp) does not match "%Y-%m-%d %H:%M:%S": expected " " at character 11: "2026-10-01T12:00:00""#)
        #expect(stored(try mapper("%Y-%m-%d %H:%M:%S", zone: "UTC"), "\"2026-02-30 12:00:00\"").contains("is not a real date and time"))
    }

    @Test func aPatternIsWrittenBackAsItIsRead() throws {
        let pattern = try TimestampPattern("%d/%b/%Y:%H:%M:%S.%f %z")
        let instant = try Timestamp(rfc3339: "2026-10-10T11:55:36.042Z")
        let text = pattern.format(instant, offsetSeconds: 7200)
        #expect(text == "10/Oct/2026:13:55:36.042 +02:00")
        let fields = try pattern.read(text)
        #expect(fields.localMilliseconds - Int64(fields.offsetSeconds!) * 1000 == instant.millisecondsSinceEpoch)
    }
}
