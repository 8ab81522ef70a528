import Foundation
import GRDB
import Testing
@testable import AxisLedger

/// Issue 16, item 7, through the ledger: a month's credits come from every
/// earlier month since the first grant, a closed month keeps what it
/// issued, and the statements, invoice lines and report show them.
struct CreditHistoryTests {
    typealias G = ClosingFixture.Generation
    static func d(_ text: String) -> Decimal { ClosingFixture.decimal(text) }

    /// org_pre is on `floor` (minimum 10.00; v1 0.04, v2 0.12): 25.00 granted
    /// 2026-10 expiring 2026-11, and 5.00 granted 2026-11 that never expires.
    static let pricing = ClosingFixture.pricing + """

          org_pre:
            plan: floor
            credits:
              - {granted: 2026-11, amount: 5.00}
              - {granted: 2026-10, amount: 25.00, expires: 2026-11}
        """

    /// Markdown with its table padding squeezed to single spaces.
    private func squeezed(_ text: String) -> String {
        text.replacingOccurrences(of: " +", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "-{3,}", with: "---", options: .regularExpression)
    }

    private func statement(_ report: MonthReport, _ org: String = "org_pre") throws -> AxisLedger.Statement {
        try #require(report.pricing?.statements.first { $0.orgId == org })
    }

    @Test func theBalanceCarriesAcrossOpenMonthsAndTheExpiredRemainderLapsesOnceInTheMonthAfter() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest([G(id: "gen_1", org: "org_pre", version: .v1, time: "2026-10-03T10:00:00")])
        // October: 10.00 (the minimum) from the 2026-10 grant: 15.00 left.
        let october = try statement(try fixture.openReport("2026-10", pricing: Self.pricing))
        #expect(october.lines.map(\.kind) == [.usage, .minimum, .credit, .total])
        #expect(october.linesOf(.credit).map(\.amount) == [Self.d("-10.00")])
        #expect(october.total == 0)
        // November: the 2026-10 grant expires first, so it pays all 10.00: 5.00 left, the 2026-11 grant untouched.
        let novemberReport = try fixture.openReport("2026-11", pricing: Self.pricing)
        let november = try statement(novemberReport)
        #expect(november.linesOf(.credit).map(\.amount) == [Self.d("-10.00")])
        #expect(november.linesOf(.credit).first?.description == "prepaid credit (granted 2026-10, expires 2026-11, 25.00 granted)")
        #expect(november.total == 0)
        #expect(novemberReport.pricing?.credits["org_pre"]?.balances.map(\.remaining) == [Self.d("5.00"), Self.d("5.00")])
        // December: the 2026-10 grant's 5.00 lapses (said once), the 2026-11 grant pays 5.00 of the 10.00.
        let decemberReport = try fixture.openReport("2026-12", pricing: Self.pricing)
        let december = try statement(decemberReport)
        #expect(december.linesOf(.credit).map(\.amount) == [Self.d("-5.00")])
        #expect(december.total == Self.d("5.00"))
        let lapse = "The grant of 2026-10 (25.00 USD) expired at the end of 2026-11: its remaining 5.00 USD lapsed and pays for nothing from 2026-12 on."
        let decemberMarkdown = squeezed(try #require(OrgStatement.all(in: decemberReport).first { $0.orgId == "org_pre" }).outputFiles[0].text)
        #expect(decemberMarkdown.contains("## Prepaid credits\n\n| Granted | Amount (USD) | Used this month (USD) | Remaining (USD) | Expires |"))
        #expect(decemberMarkdown.contains("| 2026-11 | 5.00 | 5.00 | 0.00 | never |"))
        #expect(decemberMarkdown.contains(lapse))
        #expect(OrgStatement.all(in: decemberReport).first { $0.orgId == "org_pre" }?.outputFiles[1].text.contains(lapse) == true)
        // January: nothing left, nothing lapses again; the plain minimum is due.
        let januaryReport = try fixture.openReport("2027-01", pricing: Self.pricing)
        let january = try statement(januaryReport)
        #expect(january.linesOf(.credit).isEmpty)
        #expect(january.total == Self.d("10.00"))
        let januaryMarkdown = squeezed(try #require(OrgStatement.all(in: januaryReport).first { $0.orgId == "org_pre" }).outputFiles[0].text)
        #expect(!januaryMarkdown.contains("lapsed"))
        #expect(januaryMarkdown.contains("| 2026-11 | 5.00 | 0.00 | 0.00 | never |"))
        // An org without grants is rated exactly as before.
        #expect(try statement(januaryReport, "org_min").lines.map(\.kind) == [.minimum, .total])
    }

    @Test func creditLinesAreInvoiceLinesAndTheTotalIsNeverNegative() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest([G(id: "gen_1", org: "org_pre", version: .v2, time: "2026-10-03T10:00:00")])
        let report = try fixture.openReport("2026-10", pricing: Self.pricing)
        let statement = try statement(report)
        #expect(statement.total == 0)
        #expect(statement.lines.reduce(Decimal(0)) { $0 + ($1.kind == .total ? 0 : $1.amount) } == statement.total)
        let csv = ReportCSV.invoiceLines(report).replacingOccurrences(of: "\r\n", with: "\n")
        #expect(csv.contains(#"2026-10,org_pre,floor,credit,,"prepaid credit (granted 2026-10, expires 2026-11, 25.00 granted)",0,,-10.00,USD"#), "\(csv)")
        #expect(csv.contains("2026-10,org_pre,floor,total,,total,1,,0.00,USD"))
    }

    @Test func aClosedMonthKeepsTheCreditItIssuedAndALateRecordIsAnAdjustmentNotPaidFromCredits() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest([G(id: "gen_1", org: "org_pre", version: .v1, time: "2026-10-03T10:00:00")])
        let closed = try fixture.close("2026-10", pricing: Self.pricing)
        let issued = try statement(closed.report)
        #expect(issued.linesOf(.credit).map(\.amount) == [Self.d("-10.00")])
        #expect(try fixture.count("SELECT count(*) FROM issued_lines WHERE month = '2026-10' AND org_id = 'org_pre' AND line = 'credit' AND amount = '-10.00'") == 1)
        // 200 late v2 generations make October 24.04 now, which would use all 25.00 of the grant if re-rated with credits.
        try fixture.ingest((1...200).map { G(id: "gen_late\($0)", org: "org_pre", version: .v2, time: "2026-10-20T10:00:00") })
        let november = try statement(try fixture.openReport("2026-11", pricing: Self.pricing))
        #expect(november.lines.map(\.kind) == [.minimum, .credit, .adjustment, .total])
        // November draws from the 15.00 October left as issued.
        #expect(november.linesOf(.credit).map(\.amount) == [Self.d("-10.00")])
        // The adjustment is October's amount before credits now (24.04) minus as issued (10.00).
        #expect(november.linesOf(.adjustment).map(\.amount) == [Self.d("14.04")])
        #expect(november.total == Self.d("14.04"))
        let pending = try fixture.closedReport("2026-10").changes.orgs.first { $0.orgId == "org_pre" }
        #expect(pending?.issued == Self.d("10.00"))
        #expect(pending?.now == Self.d("24.04"))
        let listing = try CreditListing.list(ledger: fixture.ledger, month: "2026-11", rules: try fixture.rules(Self.pricing))
        #expect(listing.rows.map { $0.map { $0.plainText ?? "" } } == [
            ["org_pre", "2026-11", "2026-10", "25.00", "10.00", "5.00", "2026-11", "0.00"],
            ["org_pre", "2026-11", "2026-11", "5.00", "0.00", "5.00", "", "0.00"],
        ])
    }

    /// org_bad's plan does not price v2, so any month it used v2 in cannot be rated.
    static let pricingWithAnUnratableOrg = pricing.replacingOccurrences(of: "orgs:\n", with: "  v1only:\n    v1:\n      unitPrice: 0.04\norgs:\n  org_bad: v1only\n")

    @Test func anotherOrgsProblemInAnEarlierMonthDoesNotStopTheCredits() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest([G(id: "gen_bad", org: "org_bad", version: .v2, time: "2026-10-03T10:00:00"),
                            G(id: "gen_1", org: "org_pre", version: .v1, time: "2026-11-03T10:00:00")])
        #expect(throws: ReportError.self) { try fixture.openReport("2026-10", pricing: Self.pricingWithAnUnratableOrg) }
        let november = try statement(try fixture.openReport("2026-11", pricing: Self.pricingWithAnUnratableOrg))
        // October (10.00, the minimum) and November (10.00) both drawn from the 2026-10 grant.
        #expect(november.linesOf(.credit).map(\.amount) == [Self.d("-10.00")])
        let listing = try CreditListing.list(ledger: fixture.ledger, month: "2026-11", rules: try fixture.rules(Self.pricingWithAnUnratableOrg))
        #expect(listing.rows.first?[5].plainText == "5.00")
    }

    @Test func anEarlierMonthTheOrgWithCreditsCannotBeRatedIsSaid() throws {
        let fixture = try ClosingFixture()
        let yaml = Self.pricingWithAnUnratableOrg.replacingOccurrences(of: "    plan: floor\n    credits:", with: "    plan: v1only\n    credits:")
        try fixture.ingest([G(id: "gen_v2", org: "org_pre", version: .v2, time: "2026-10-03T10:00:00")])
        let error = try #require(throws: ReportError.self) { try fixture.openReport("2026-11", pricing: yaml) }
        #expect(error.description.contains("org_pre has 1 billed v2 generations in 2026-10 but plan v1only does not price v2"), "\(error)")
        #expect(error.description.contains("(rating 2026-10 is needed for 2026-11: its prepaid credits are what the earlier months since the first grant left"), "\(error)")
    }

    @Test func ratingAMonthBeforeTheFirstGrantHasNoCredits() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest([G(id: "gen_1", org: "org_pre", version: .v1, time: "2026-09-03T10:00:00")])
        let september = try fixture.openReport("2026-09", pricing: Self.pricing)
        #expect(try statement(september).total == Self.d("10.00"))
        #expect(september.pricing?.credits.isEmpty == true)
        #expect(try CreditListing.list(ledger: fixture.ledger, month: "2026-09", rules: try fixture.rules(Self.pricing)).rows.isEmpty)
    }

    @Test func the402SectionGivesTheBalanceAtEachStreaksStart() throws {
        let fixture = try ClosingFixture()
        // 50 v2 generations (6.00) on the 3rd, a 402 on the 5th, 50 more on the 6th, a 402 on the 7th.
        try fixture.ingest((1...50).map { G(id: "gen_a\($0)", org: "org_pre", version: .v2, time: "2026-10-03T10:00:00") }
                           + (1...50).map { G(id: "gen_b\($0)", org: "org_pre", version: .v2, time: "2026-10-06T10:00:00") })
        let refusals = ["2026-10-05T10:00:00", "2026-10-07T10:00:00"].map { time in
            #"{"timestamp":"\#(time).000Z","orgId":"org_pre","endpoint":"/v2/cinematic-image","httpStatus":402,"requestId":"req_402_\#(time)","response":{"success":false,"code":"insufficient_balance"}}"#
        }
        let path = try fixture.directory.write("refusals.jsonl", refusals.joined(separator: "\n") + "\n")
        if case .refused(let error) = Ingestor(ledger: fixture.ledger).ingest(path: path).outcome { throw error }
        let report = try fixture.openReport("2026-10", pricing: Self.pricing)
        let rows = try #require(report.pricing?.creditsAt402)
        #expect(rows.map(\.streakStart) == ["2026-10-05T10:00:00.000Z", "2026-10-07T10:00:00.000Z"], "\(rows)")
        #expect(rows.map(\.opening) == [Self.d("25.00"), Self.d("25.00")])
        #expect(rows.map(\.balance) == [Self.d("19.00"), Self.d("13.00")])
        let markdown = squeezed(ReportMarkdown.render(report))
        #expect(markdown.contains("### Prepaid credit balance at each streak's start"))
        #expect(markdown.contains("| org_pre | 2026-10-05T10:00:00.000Z | 25.00 | 6.00 | 19.00 |"), "\(markdown)")
    }

    /// An org with a zone draws in its local month: generations of UTC's 30 September that are
    /// Kolkata's 1 October count before its October streak.
    @Test func theBalanceAtAStreaksStartCountsTheOrgsLocalMonth() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest((1...10).map { G(id: "gen_k\($0)", org: "org_pre", version: .v2, time: "2026-09-30T20:00:00") })
        let refusal = #"{"timestamp":"2026-10-05T10:00:00.000Z","orgId":"org_pre","endpoint":"/v2/cinematic-image","httpStatus":402,"requestId":"req_402","response":{"success":false,"code":"insufficient_balance"}}"#
        let path = try fixture.directory.write("refusal.jsonl", refusal + "\n")
        if case .refused(let error) = Ingestor(ledger: fixture.ledger).ingest(path: path).outcome { throw error }
        let zoned = Self.pricing.replacingOccurrences(of: "    plan: floor\n", with: "    plan: floor\n    timezone: Asia/Kolkata\n")
        #expect(zoned.contains("timezone: Asia/Kolkata"))
        let report = try fixture.openReport("2026-10", pricing: zoned)
        let rows = try #require(report.pricing?.creditsAt402)
        // 10 × 0.12 drawn from the 25.00 before the streak.
        #expect(rows.map(\.balance) == [Self.d("23.80")], "\(rows)")
    }
}
