/// Per org, how its 402 `insufficient_balance` events ran in a month: how
/// many, when, the longest streak, and whether billed generations resumed.
///
/// A streak is a run of an org's 402 events with no billed generation of
/// that org between them: the time it was out of prepaid balance. The org
/// recovered when a billed generation follows its last 402 in the month.
public struct Insufficient402Summary: Sendable, Equatable {
    public var orgId: String
    public var events: Int
    public var first: String
    public var last: String
    public var longestStreak: Int
    /// The first billed generation after the last 402 of the month, if any.
    public var recoveredAt: String?

    /// One summary per org with 402 events, ordered by org.
    /// - Parameters:
    ///   - events: the month's 402 events, in time order.
    ///   - billedTimesByOrg: each org's billing times in the month, sorted.
    public static func summarize(events: [MonthData.Event402], billedTimesByOrg: [String: [String]]) -> [Insufficient402Summary] {
        let byOrg = Dictionary(grouping: events, by: \.orgId)
        return byOrg.keys.sorted().map { org in
            let times = byOrg[org]!.map(\.occurredAt).sorted()
            let billed = billedTimesByOrg[org] ?? []
            var longest = 0, current = 0
            var nextBilled = 0 // index of the first billed time after the previous event
            var previous: String?
            for time in times {
                // Any billed generation between the previous event and this one ends the streak.
                while nextBilled < billed.count, billed[nextBilled] <= time {
                    if let previous, billed[nextBilled] > previous { current = 0 }
                    nextBilled += 1
                }
                current += 1
                longest = max(longest, current)
                previous = time
            }
            let recovered = billed.first { $0 > times.last! }
            return Insufficient402Summary(orgId: org, events: times.count, first: times.first!, last: times.last!,
                                          longestStreak: longest, recoveredAt: recovered)
        }
    }
}
