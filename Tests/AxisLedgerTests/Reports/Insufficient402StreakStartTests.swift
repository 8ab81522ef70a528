import Testing
@testable import AxisLedger

/// Issue 16, item 7: where each streak starts, for the 402 section's credit balance.
struct Insufficient402StreakStartTests {
    @Test(arguments: [
        // (events, billed, starts)
        (["10:01", "10:02", "10:03"], [String](), ["10:01"]),
        (["10:01", "10:03"], ["10:02"], ["10:01", "10:03"]),
        (["10:01", "10:03"], ["10:00", "10:04"], ["10:01"]),
        // A billed generation at the same instant as a 402 ends the streak before it, as summarize counts.
        (["10:01", "10:03"], ["10:03"], ["10:01", "10:03"]),
        (["10:01", "10:02", "10:05", "10:06"], ["10:03", "10:04"], ["10:01", "10:05"]),
    ])
    func aStreakStartsAtTheFirst402AndAfterEachBilledGeneration(_ events: [String], _ billed: [String], _ starts: [String]) {
        #expect(Insufficient402Summary.streakStarts(eventTimes: events, billed: billed) == starts)
        let summary = Insufficient402Summary.summarize(
            events: events.map { MonthData.Event402(orgId: "o", version: .v2, occurredAt: $0, requestId: nil, idempotencyKey: nil, sourceFile: "f", sourceLine: 1) },
            billedTimesByOrg: ["o": billed])
        // The last streak runs from the last start to the last event; the longest is at least that long.
        let lastStart = events.firstIndex(of: starts.last ?? "") ?? 0
        #expect((summary.first?.longestStreak ?? 0) >= events.count - lastStart)
    }
}
