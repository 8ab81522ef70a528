import Foundation

/// An IANA time zone for times written without an offset (`timestamp.timezone`),
/// resolved with its daylight-saving rules from the system's zone database.
///
/// A local time maps to one instant, except around a change of offset: in
/// autumn an hour happens twice (which one a line means is a guess, so it is
/// an error unless the line carries its offset), in spring an hour is skipped
/// (no instant has that local time, so it is an error too).
public struct ProfileTimeZone: Sendable, Equatable {
    public let identifier: String
    private let zone: TimeZone

    /// nil when the system knows no zone of that name.
    public init?(identifier: String) {
        // TimeZone also takes abbreviations ("CET", "EST") and offsets ("GMT+1"), which have no
        // rules of their own: only names from the IANA database (Area/Location, or UTC) are taken.
        guard identifier == "UTC" || identifier.contains("/") && TimeZone.knownTimeZoneIdentifiers.contains(identifier),
              let zone = identifier == "UTC" ? TimeZone(secondsFromGMT: 0) : TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.zone = zone
    }

    /// The offset east of UTC in force at an instant.
    func offsetSeconds(at timestamp: Timestamp) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(timestamp.millisecondsSinceEpoch) / 1000))
    }

    /// How a local time falls in this zone.
    enum Resolution: Equatable {
        case instant(Timestamp)
        /// The local time happens twice (the autumn change): at both instants.
        case repeated(Timestamp, Timestamp)
        /// The local time never happens (the spring change).
        case skipped
    }

    /// - Parameter local: the local time read as if it were UTC, in milliseconds.
    func resolve(localMilliseconds local: Int64) -> Resolution {
        let day: Int64 = 86_400_000
        var offsets: [Int] = []
        for probe in [local - day, local, local + day] {
            let offset = offsetSeconds(at: Timestamp(millisecondsSinceEpoch: probe))
            if !offsets.contains(offset) { offsets.append(offset) }
        }
        var instants: [Int64] = []
        for offset in offsets {
            let candidate = local - Int64(offset) * 1000
            if offsetSeconds(at: Timestamp(millisecondsSinceEpoch: candidate)) == offset, !instants.contains(candidate) {
                instants.append(candidate)
            }
        }
        instants.sort()
        switch instants.count {
        case 0: return .skipped
        case 1: return .instant(Timestamp(millisecondsSinceEpoch: instants[0]))
        default: return .repeated(Timestamp(millisecondsSinceEpoch: instants[0]), Timestamp(millisecondsSinceEpoch: instants[instants.count - 1]))
        }
    }
}
