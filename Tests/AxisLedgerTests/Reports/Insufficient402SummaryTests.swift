import Testing
@testable import AxisLedger

struct Insufficient402SummaryTests {
    private func event(_ org: String, _ time: String) -> MonthData.Event402 {
        MonthData.Event402(orgId: org, version: .v1, occurredAt: time, requestId: nil, idempotencyKey: nil, sourceFile: "f", sourceLine: 1)
    }

    @Test func aBilledGenerationBetweenEventsEndsTheStreak() {
        let events = ["2026-10-01T01:00:00.000Z", "2026-10-01T02:00:00.000Z", "2026-10-01T03:00:00.000Z",
                      "2026-10-05T01:00:00.000Z", "2026-10-05T02:00:00.000Z"].map { event("org_a", $0) }
        let billed = ["org_a": ["2026-09-30T00:00:00.000Z", "2026-10-02T00:00:00.000Z", "2026-10-06T00:00:00.000Z"]]
        let summary = Insufficient402Summary.summarize(events: events, billedTimesByOrg: billed)
        #expect(summary == [Insufficient402Summary(orgId: "org_a", events: 5, first: "2026-10-01T01:00:00.000Z",
                                                   last: "2026-10-05T02:00:00.000Z", longestStreak: 3,
                                                   recoveredAt: "2026-10-06T00:00:00.000Z")])
    }

    @Test func anOrgWithoutLaterGenerationsHasNotRecovered() {
        let events = [event("org_b", "2026-10-09T00:00:00.000Z"), event("org_a", "2026-10-10T00:00:00.000Z")]
        let summary = Insufficient402Summary.summarize(events: events, billedTimesByOrg: ["org_a": ["2026-10-01T00:00:00.000Z"]])
        #expect(summary.map(\.orgId) == ["org_a", "org_b"])
        #expect(summary.allSatisfy { $0.recoveredAt == nil && $0.longestStreak == 1 })
    }

    @Test func anotherOrgsGenerationsDoNotBreakAStreak() {
        let events = [event("org_a", "2026-10-01T00:00:00.000Z"), event("org_a", "2026-10-03T00:00:00.000Z")]
        let summary = Insufficient402Summary.summarize(events: events, billedTimesByOrg: ["org_b": ["2026-10-02T00:00:00.000Z"]])
        #expect(summary.first?.longestStreak == 2)
    }
}
