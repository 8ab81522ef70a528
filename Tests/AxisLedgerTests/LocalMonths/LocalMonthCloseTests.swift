import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// `close` with time zones: a month closes once it has ended in every org's
/// zone, and an org's issued month is its local month.
struct LocalMonthCloseTests {
    typealias G = ClosingFixture.Generation

    static let pricing = LocalMonthTests.zonedPricing + "\n  org_la: {plan: standard, timezone: America/Los_Angeles}\n"

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    func close(_ fixture: ClosingFixture, at time: String, pricing: String = LocalMonthCloseTests.pricing) throws -> MonthCloser.Result {
        try MonthCloser(ledger: fixture.ledger).close(month: "2026-10", rules: try fixture.rules(pricing), pricingText: pricing, note: nil,
                                                      closedBy: "tester", now: Self.date(time), outputFolder: fixture.out)
    }

    @Test func aMonthNotEndedInEveryZoneIsRefusedAndSaysWhenItCanBeClosed() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(LocalMonthTests.october)
        // Ended in UTC and in Berlin, not yet in Los Angeles (UTC−7 on 31 October).
        #expect(throws: ClosingError.notEndedInEveryZone(month: "2026-10", endsAt: "2026-11-01T07:00:00Z", zone: "America/Los_Angeles")) {
            try close(fixture, at: "2026-11-01T06:59:59Z")
        }
        #expect(try fixture.count("SELECT count(*) FROM month_closes") == 0)
        #expect(try fixture.count("SELECT count(*) FROM org_time_zones") == 0)
        let message = ClosingError.notEndedInEveryZone(month: "2026-10", endsAt: "2026-11-01T07:00:00Z", zone: "America/Los_Angeles").description
        #expect(message.hasPrefix("2026-10 has not ended in every org's time zone yet: it ends last in America/Los_Angeles, at 2026-11-01T07:00:00Z UTC; nothing was changed."))
        _ = try close(fixture, at: "2026-11-01T07:00:00Z")
        #expect(try fixture.count("SELECT count(*) FROM month_closes") == 1)
    }

    @Test func zonesEastOfUTCDoNotCloseAMonthBeforeUTCHasEnded() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(LocalMonthTests.october)
        #expect(throws: ClosingError.notEnded(month: "2026-10", endsAt: "2026-11-01T00:00:00Z")) {
            try close(fixture, at: "2026-10-31T23:59:59Z", pricing: LocalMonthTests.zonedPricing)
        }
    }

    @Test func eachOrgIsIssuedItsLocalMonthAndNothingCountsAsAChange() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(LocalMonthTests.october)
        let result = try close(fixture, at: "2026-12-01T00:00:00Z")
        let issued = try fixture.ledger.queue.read { db in
            try String.fetchAll(db, sql: "SELECT generation_id FROM issued_generations WHERE month = '2026-10' ORDER BY generation_id")
        }
        #expect(issued == ["b_1", "b_2", "b_3", "k_1", "u_1", "u_2"])
        #expect(result.report.data.usage.map(\.generations).reduce(0, +) == 6)
        #expect(try fixture.count("SELECT count(*) FROM org_time_zones") == 4)
        #expect(try fixture.count("SELECT count(*) FROM month_bounds") == 4 * 1200)
        let closed = try fixture.closedReport("2026-10")
        #expect(closed.changes.isEmpty)
        #expect(closed.pending.isEmpty)
    }

    @Test func aLateGenerationInALocalMonthIsAnAdjustmentOfThatMonth() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(LocalMonthTests.october)
        _ = try close(fixture, at: "2026-12-01T00:00:00Z")
        // 1 October 00:30 in Berlin, 30 September in UTC: Berlin's October.
        try fixture.ingest([G(id: "b_late", org: "org_berlin", version: .v1, time: "2026-09-30T22:30:00")])
        let closed = try fixture.closedReport("2026-10")
        #expect(closed.changes.changes.map { "\($0.generationId) \($0.change) \($0.monthNow ?? "")" } == ["b_late added 2026-10"])
        #expect(closed.pending.map { "\($0.orgId) \($0.amount)" } == ["org_berlin 0.04"])
        // A late generation of UTC September for org_utc is not October's.
        try fixture.ingest([G(id: "u_late", org: "org_utc", version: .v1, time: "2026-09-30T22:30:00")])
        #expect(try fixture.closedReport("2026-10").changes.changes.map(\.generationId) == ["b_late"])
    }
}
