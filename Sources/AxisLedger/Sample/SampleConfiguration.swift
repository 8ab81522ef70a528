/// What `axis-ledger sample` generates: one UTC month of traffic for `orgs`
/// orgs, `records` response records in all, drawn from `seed`.
public struct SampleConfiguration: Sendable, Equatable {
    /// The UTC calendar month, `YYYY-MM`; every timestamp falls in it at UTC.
    public var month: String
    /// How many orgs send traffic, 1 to 1000.
    public var orgs: Int
    /// How many response records to write (one request-log row each).
    public var records: Int
    /// Same seed, same bytes.
    public var seed: UInt64
    /// Also add a few bad lines to both files (docs/sample-data.md).
    public var withBadLines: Bool

    public static let orgRange = 1...1000
    /// An upper bound so a typo cannot fill a disk: 100 million records are about 40 GB.
    public static let recordRange = 1...100_000_000

    public init(month: String = "2026-10", orgs: Int = 12, records: Int = 50_000, seed: UInt64 = 7, withBadLines: Bool = false) {
        self.month = month
        self.orgs = orgs
        self.records = records
        self.seed = seed
        self.withBadLines = withBadLines
    }

    /// Checks every field, so the generator can rely on them.
    /// - Throws: ``SampleConfigurationError`` naming the first field that is wrong.
    public func validate() throws {
        _ = try monthBounds()
        guard SampleConfiguration.orgRange.contains(orgs) else {
            throw SampleConfigurationError.orgsOutOfRange(orgs)
        }
        guard SampleConfiguration.recordRange.contains(records) else {
            throw SampleConfigurationError.recordsOutOfRange(records)
        }
    }

    /// The seed the generator's streams start from: `seed` mixed with the
    /// month, org count and record count, so that two samples that differ in
    /// any of them never share a generationId, requestId or key (ingesting
    /// October and November samples into one ledger must not merge their
    /// generations). `withBadLines` is left out: the bad lines are added to
    /// the same traffic.
    var streamSeed: UInt64 {
        var state = seed
        var mixed = SampleRandom.splitMix(&state)
        for value in Array(month.utf8).map(UInt64.init) + [UInt64(orgs), UInt64(records)] {
            state ^= value &* 0x9E37_79B9_7F4A_7C15
            mixed ^= SampleRandom.splitMix(&state)
        }
        return mixed
    }

    /// The first instant of the month and the first instant after it, in UTC.
    func monthBounds() throws -> (start: Timestamp, end: Timestamp) {
        let bytes = Array(month.utf8)
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              bytes[0..<4].allSatisfy(isDigit), bytes[5..<7].allSatisfy(isDigit),
              let year = Int(month.prefix(4)), let monthNumber = Int(month.suffix(2)) else {
            throw SampleConfigurationError.malformedMonth(month)
        }
        guard (1...12).contains(monthNumber), year >= 1970 else {
            throw SampleConfigurationError.malformedMonth(month)
        }
        let start = Timestamp(year: year, month: monthNumber, day: 1)
        let days = Timestamp.daysIn(year: year, month: monthNumber)
        return (start, Timestamp(millisecondsSinceEpoch: start.millisecondsSinceEpoch + Int64(days) * 86_400_000))
    }
}

/// A ``SampleConfiguration`` field out of range, worded for the command line.
public enum SampleConfigurationError: Error, Equatable, CustomStringConvertible {
    case malformedMonth(String)
    case orgsOutOfRange(Int)
    case recordsOutOfRange(Int)

    public var description: String {
        switch self {
        case .malformedMonth(let month):
            return "--month must be a UTC month written YYYY-MM with a month 01 to 12 and a year from 1970, for example 2026-10; got '\(month)'."
        case .orgsOutOfRange(let orgs):
            return "--orgs must be between \(SampleConfiguration.orgRange.lowerBound) and \(SampleConfiguration.orgRange.upperBound); got \(orgs)."
        case .recordsOutOfRange(let records):
            return "--records must be between \(SampleConfiguration.recordRange.lowerBound) and \(SampleConfiguration.recordRange.upperBound); got \(records)."
        }
    }
}
