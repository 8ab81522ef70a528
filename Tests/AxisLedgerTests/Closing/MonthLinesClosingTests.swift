import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// Closed months with a fee, a cap and a discount: those lines are the
/// month's own (issued, re-read and compared as part of its own total), and
/// adjustments still come right before the total.
struct MonthLinesClosingTests {
    typealias G = ClosingFixture.Generation
    static func d(_ text: String) -> Decimal { ClosingFixture.decimal(text) }

    /// org_a is on `capped`: usage capped at 0.20, a 5.00 fee, 10% off from 2026-10.
    static let pricing = """
        currency: USD
        defaultPlan: standard
        plans:
          standard:
            v1:
              unitPrice: 0.04
            v2:
              unitPrice: 0.12
          capped:
            monthlyMaximum: 0.20
            monthlyFee: 5.00
            v1:
              unitPrice: 0.04
            v2:
              unitPrice: 0.12
        orgs:
          org_a:
            plan: capped
            discounts:
              - percent: 10
                from: 2026-10
        """

    /// October: org_a 0.04 + 0.12 = 0.16 (under the cap), fee 5.00, 10% of 5.16 = 0.516 → 0.52, total 4.64.
    static func closedOctober() throws -> ClosingFixture {
        let fixture = try ClosingFixture()
        try fixture.ingest(MonthCloserTests.october)
        try fixture.close("2026-10", pricing: Self.pricing)
        return fixture
    }

    @Test func feeCapAndDiscountLinesAreIssuedAndReadBackAsTheMonthsOwn() throws {
        let fixture = try Self.closedOctober()
        let lines = try fixture.ledger.queue.read { db in
            try Row.fetchAll(db, sql: "SELECT line, description, amount FROM issued_statement_lines WHERE org_id = 'org_a' ORDER BY position")
        }
        #expect(lines.map { "\($0["line"] as String) \($0["amount"] as String)" }
                == ["usage 0.04", "usage 0.12", "fee 5.00", "discount -0.52", "total 4.64"])
        #expect(lines[3]["description"] as String == "discount 10% (from 2026-10 on) of 5.16")
        let issued = try #require(try fixture.closedReport("2026-10").closed.statements.first { $0.orgId == "org_a" })
        #expect(issued.lines.map(\.kind) == [.usage, .usage, .fee, .discount, .total])
        #expect(issued.ownTotal == Self.d("4.64"))
        #expect(issued.subtotal == Self.d("0.16"))
        // Re-rated as it stands, the month comes to what was issued: nothing to adjust.
        #expect(try fixture.closedReport("2026-10").pending.isEmpty)
        #expect(try fixture.openReport("2026-11", pricing: Self.pricing).pricing?.adjustments.isEmpty == true)
    }

    @Test func aLateGenerationIsAdjustedByWhatTheCappedAndDiscountedMonthComesToNow() throws {
        let fixture = try Self.closedOctober()
        // 0.16 + 0.12 = 0.28, capped at 0.20 (−0.08); + 5.00 fee; 10% of 5.20 = 0.52 → 4.68, 0.04 more than issued.
        try fixture.ingest([G(id: "gen_late", org: "org_a", version: .v2, time: "2026-10-30T10:00:00")])
        let november = try fixture.openReport("2026-11", pricing: Self.pricing)
        let statement = try #require(november.pricing?.statements.first { $0.orgId == "org_a" })
        // November has no usage: the fee, 10% of it, then October's adjustment, which is not discounted.
        #expect(statement.lines.map(\.kind) == [.fee, .discount, .adjustment, .total])
        #expect(statement.lines.map(\.amount) == [5, Self.d("-0.50"), Self.d("0.04"), Self.d("4.54")])
        #expect(statement.ownTotal == Self.d("4.50"))
        let csv = ReportCSV.invoiceLines(november).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(csv.contains("2026-11,org_a,capped,adjustment,,adjustment for 2026-10: +1 v2 generation,1,,0.04,USD,\n"))

        // Once November is issued, a further late generation the cap absorbs needs no adjustment.
        try fixture.close("2026-11", pricing: Self.pricing)
        try fixture.ingest([G(id: "gen_later", org: "org_a", version: .v2, time: "2026-10-30T11:00:00")])
        #expect(try fixture.closedReport("2026-10").changes.changes.count == 2)
        #expect(try fixture.openReport("2026-12", pricing: Self.pricing).pricing?.adjustments.isEmpty == true)
    }
}
