extension Insufficient402Summary {
    /// The time of the first event of each of the org's streaks, in order:
    /// an event starts a streak when it is the org's first of the month or a
    /// billed generation of the org falls after the previous event and at or
    /// before it (the rule ``summarize(events:billedTimesByOrg:)`` counts streaks by).
    /// - Parameters:
    ///   - eventTimes: the org's 402 event times, sorted.
    ///   - billed: the org's billed times (or the first after each event), sorted.
    static func streakStarts(eventTimes: [String], billed: [String]) -> [String] {
        var starts: [String] = []
        var nextBilled = 0
        var previous: String?
        for time in eventTimes {
            var broken = previous == nil
            while nextBilled < billed.count, billed[nextBilled] <= time {
                if let previous, billed[nextBilled] > previous { broken = true }
                nextBilled += 1
            }
            if broken { starts.append(time) }
            previous = time
        }
        return starts
    }
}
