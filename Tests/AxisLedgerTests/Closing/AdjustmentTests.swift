import Foundation
import GRDB
import Testing
@testable import AxisLedger

struct AdjustmentTests {
    typealias G = ClosingFixture.Generation
    static func d(_ text: String) -> Decimal { ClosingFixture.decimal(text) }

    @Test func aLateGenerationIsBilledOnceInTheNextOpenMonthBeforeTheTotal() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(MonthCloserTests.october + [G(id: "gen_n1", org: "org_a", version: .v1, time: "2026-11-02T10:00:00")])
        try fixture.close("2026-10")
        try fixture.ingest([G(id: "gen_late", org: "org_a", version: .v2, time: "2026-10-30T10:00:00")])
        let november = try fixture.openReport("2026-11")
        let statement = try #require(november.pricing?.statements.first { $0.orgId == "org_a" })
        #expect(statement.lines.map(\.kind) == [.usage, .adjustment, .total])
        let adjustment = try #require(statement.linesOf(.adjustment).first)
        #expect(adjustment.description == "adjustment for 2026-10: +1 v2 generation")
        #expect(adjustment.amount == Self.d("0.12"))
        #expect(adjustment.quantity == 1)
        #expect(adjustment.adjustsMonth == "2026-10")
        #expect(statement.total == Self.d("0.16"))
        #expect(november.pricing?.statements.contains { $0.orgId == "org_b" } == false)
        let csv = ReportCSV.invoiceLines(november).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(csv.contains("2026-11,org_a,standard,adjustment,,adjustment for 2026-10: +1 v2 generation,1,,0.12,USD,\n"))

        // Closing November issues it; December then has nothing left to adjust.
        try fixture.close("2026-11")
        let december = try fixture.openReport("2026-12")
        #expect(december.pricing?.adjustments.isEmpty == true)
        #expect(try fixture.closedReport("2026-10").pending.isEmpty)
    }

    @Test func aRemovedGenerationIsACreditAndATotalMayBeNegative() throws {
        let fixture = try ClosingFixture()
        // gen_c is billed to org_b in October; a record of it found in September moves it out of October.
        try fixture.ingest(MonthCloserTests.october)
        try fixture.close("2026-10")
        try fixture.ingest([G(id: "gen_c", org: "org_b", version: .v2, time: "2026-09-30T10:00:00")])
        let november = try fixture.openReport("2026-11")
        let statement = try #require(november.pricing?.statements.first { $0.orgId == "org_b" })
        #expect(statement.lines.map(\.kind) == [.adjustment, .total])
        #expect(statement.lines[0].description == "adjustment for 2026-10: \u{2212}1 v2 generation")
        #expect(statement.total == Self.d("-0.12"))
        #expect(ReportCSV.invoiceLines(november).contains("org_b,standard,total,,total,0,,-0.12,USD"))
        #expect(ReportMarkdown.render(november).contains("Credit due to org_b: 0.12 USD (the total is negative)."))
        let changes = try fixture.closedReport("2026-10").changes.changes
        #expect(changes.map(\.change) == ["moved"])
        #expect(changes.first?.monthNow == "2026-09")
    }

    @Test func aChangeAbsorbedByTheMinimumTopUpNeedsNoAdjustment() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest([G(id: "gen_m1", org: "org_min", version: .v1, time: "2026-10-03T10:00:00")])
        try fixture.close("2026-10")
        try fixture.ingest([G(id: "gen_m2", org: "org_min", version: .v2, time: "2026-10-04T10:00:00")])
        #expect(try fixture.closedReport("2026-10").changes.changes.count == 1)
        #expect(try fixture.openReport("2026-11").pricing?.adjustments.isEmpty == true)
    }

    @Test func theMinimumTopUpIsComputedOnUsageOnlyBeforeAdjustments() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest((1...300).map { G(id: "gen_m\($0)", org: "org_min", version: .v1, time: "2026-10-03T10:00:00") })
        try fixture.close("2026-10")  // 300 × 0.04 = 12.00, above the 10.00 minimum
        try fixture.ingest([G(id: "gen_m1", org: "org_min", version: .v1, time: "2026-09-03T10:00:00"),
                            G(id: "gen_m2", org: "org_min", version: .v1, time: "2026-09-03T10:00:00")])
        let november = try fixture.openReport("2026-11")
        let statement = try #require(november.pricing?.statements.first { $0.orgId == "org_min" })
        // No usage in November: the 10.00 minimum, then the −0.08 adjustment, total 9.92.
        #expect(statement.lines.map(\.kind) == [.minimum, .adjustment, .total])
        #expect(statement.minimumTopUp == Self.d("10.00"))
        #expect(statement.linesOf(.adjustment).first?.amount == Self.d("-0.08"))
        #expect(statement.total == Self.d("9.92"))
    }

    @Test func aSecondLateChangeIsAdjustedByTheDifferenceToWhatWasAdjusted() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(MonthCloserTests.october)
        try fixture.close("2026-10")
        try fixture.ingest([G(id: "gen_l1", org: "org_a", version: .v2, time: "2026-10-30T10:00:00")])
        try fixture.close("2026-11")
        try fixture.ingest([G(id: "gen_l2", org: "org_a", version: .v2, time: "2026-10-30T11:00:00"),
                            G(id: "gen_l3", org: "org_a", version: .v1, time: "2026-10-30T12:00:00")])
        let december = try fixture.openReport("2026-12")
        let adjustments = try #require(december.pricing?.adjustments)
        #expect(adjustments.map(\.amount) == [Self.d("0.16")])
        #expect(adjustments.first?.description == "adjustment for 2026-10: +1 v1 generation, +1 v2 generation")
        let october = try fixture.closedReport("2026-10")
        let org = try #require(october.changes.orgs.first { $0.orgId == "org_a" })
        #expect(org.issued == Self.d("0.16"))
        #expect(org.adjusted == Self.d("0.12"))
        #expect(org.now == Self.d("0.44"))
        #expect(org.pending == Self.d("0.16"))
    }

    @Test func aGenerationFoundEarlierInAnotherClosedMonthIsOneChangeInEachAndNetsOnce() throws {
        let fixture = try ClosingFixture()
        // September is issued with v1 at 0.05, October with v1 at 0.04.
        try fixture.ingest([G(id: "gen_s", org: "org_a", version: .v1, time: "2026-09-10T10:00:00")] + MonthCloserTests.october)
        try fixture.close("2026-09", pricing: ClosingFixture.dearerPricing)
        try fixture.close("2026-10")
        try fixture.ingest([G(id: "gen_a", org: "org_a", version: .v1, time: "2026-09-20T10:00:00")])
        let september = try fixture.closedReport("2026-09").changes.changes
        let october = try fixture.closedReport("2026-10").changes.changes
        #expect(september.map { "\($0.generationId) \($0.change) \($0.issuedMonth ?? "-") \($0.monthNow ?? "-")" } == ["gen_a moved 2026-10 2026-09"])
        #expect(october.map { "\($0.generationId) \($0.change) \($0.issuedMonth ?? "-") \($0.monthNow ?? "-")" } == ["gen_a moved 2026-10 2026-09"])
        let adjustments = try #require(try fixture.openReport("2026-11").pricing?.adjustments)
        #expect(adjustments.map { "\($0.adjustsMonth) \($0.orgId) \($0.amount)" } == ["2026-09 org_a 0.05", "2026-10 org_a -0.04"])
        #expect(adjustments.reduce(Decimal(0)) { $0 + $1.amount } == Self.d("0.01"))
    }
}
