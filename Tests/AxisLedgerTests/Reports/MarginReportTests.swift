import Foundation
import Testing
@testable import AxisLedger

/// Issue 16 item 9: revenue, cost, margin and margin_percent as the issue defines them.
struct MarginReportTests {
    typealias G = ClosingFixture.Generation
    static func d(_ text: String) -> Decimal { ClosingFixture.decimal(text) }

    struct Percent: CustomTestStringConvertible {
        var revenue: String, cost: String, margin: String, percent: String
        var testDescription: String { "\(revenue) − \(cost)" }
    }

    /// margin = revenue − cost; margin_percent = margin / revenue × 100, half up to one decimal, empty when revenue is 0.
    static let percents: [Percent] = [
        Percent(revenue: "200.00", cost: "150.00", margin: "50.00", percent: "25.0"),
        Percent(revenue: "3.00", cost: "2.00", margin: "1.00", percent: "33.3"),     // 33.333…
        Percent(revenue: "3.00", cost: "1.00", margin: "2.00", percent: "66.7"),     // 66.666… up
        Percent(revenue: "8.00", cost: "7.99", margin: "0.01", percent: "0.1"),      // 0.125 → 0.1
        Percent(revenue: "40.00", cost: "39.98", margin: "0.02", percent: "0.1"),    // 0.05 → 0.1, half up
        Percent(revenue: "40.00", cost: "40.02", margin: "-0.02", percent: "-0.1"),  // −0.05 → −0.1, halves away from zero
        Percent(revenue: "1.00", cost: "12.50", margin: "-11.50", percent: "-1150.0"),
        Percent(revenue: "10.00", cost: "0.00", margin: "10.00", percent: "100.0"),
        Percent(revenue: "0.00", cost: "5.00", margin: "-5.00", percent: ""),
        Percent(revenue: "0.00", cost: "0.00", margin: "0.00", percent: ""),
    ]

    @Test(arguments: percents) func marginAndPercent(_ p: Percent) {
        let row = MarginReport.Row(orgId: "org_a", version: .v1, dimension: nil, generations: 1, revenue: Self.d(p.revenue), cost: Self.d(p.cost))
        #expect(row.margin == Self.d(p.margin))
        #expect(MarginReport.percentText(row.marginPercent) == p.percent)
    }

    static let cost = """
        currency: USD
        defaultPlan: provider
        plans:
          provider:
            v1:
              unitPrice: 0.03
            v2:
              unitPrice: 0.15
        """

    /// A row of a dimension value counts that value's billed generations, included ones too (not its billable units).
    @Test func aDimensionRowCountsItsGenerations() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest([
            G(id: "k1", org: "org_a", version: .v2, time: "2026-10-02T10:00:00", resolution: "4K"),
            G(id: "k2", org: "org_a", version: .v2, time: "2026-10-03T10:00:00", resolution: "4K"),
            G(id: "k3", org: "org_a", version: .v2, time: "2026-10-04T10:00:00", resolution: "4K"),
            G(id: "s1", org: "org_a", version: .v2, time: "2026-10-05T10:00:00", resolution: "1K"),
            G(id: "s2", org: "org_a", version: .v2, time: "2026-10-06T10:00:00"),
        ])
        let report = try fixture.openReport("2026-10", pricing: """
            currency: USD
            defaultPlan: studio
            plans:
              studio:
                v2:
                  by: resolution
                  prices:
                    4K: {included: 1, unitPrice: 1.00}
                  default: {unitPrice: 0.10}
            """)
        let margin = try #require(try MarginReport.build(report: report, costRules: try fixture.rules(Self.cost, name: "provider.yaml")))
        let csv = margin.csv()
        // 4K: 3 generations, 1 included, 2 billed at 1.00; default pools 1K and none: 2 at 0.10. The cost file prices v2 without a dimension.
        #expect(csv.contains("2026-10,org_a,v2,4K,3,2.00,0.00,2.00,100.0,USD\r\n"), "\(csv)")
        #expect(csv.contains("2026-10,org_a,v2,default,2,0.20,0.00,0.20,100.0,USD\r\n"), "\(csv)")
        #expect(csv.contains("2026-10,org_a,v2,,5,0.00,0.75,-0.75,,USD\r\n"), "\(csv)")
    }

    @Test func revenueIsTheStatementBeforeAdjustmentsAndCostTheProvidersRatingOfTheSameGenerations() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest([
            G(id: "a1", org: "org_a", version: .v1, time: "2026-10-02T10:00:00"),
            G(id: "a2", org: "org_a", version: .v1, time: "2026-10-03T10:00:00"),
            G(id: "a3", org: "org_a", version: .v2, time: "2026-10-04T10:00:00"),
            G(id: "m1", org: "org_min", version: .v2, time: "2026-10-05T10:00:00"),
            G(id: "m2", org: "org_min", version: .v2, time: "2026-10-06T10:00:00"),
        ])
        let report = try fixture.openReport("2026-10")
        let margin = try #require(try MarginReport.build(report: report, costRules: try fixture.rules(Self.cost, name: "provider.yaml")))
        // org_a: v1 2 × 0.04 against 2 × 0.03, v2 0.12 against 0.15; org_min: v2 0.24 against 0.30, its 9.76 top-up on the org-level row.
        #expect(margin.csv() == """
            month,org_id,version,dimension,generations,revenue,cost,margin,margin_percent,currency\r
            2026-10,org_a,v1,,2,0.08,0.06,0.02,25.0,USD\r
            2026-10,org_a,v2,,1,0.12,0.15,-0.03,-25.0,USD\r
            2026-10,org_min,v2,,2,0.24,0.30,-0.06,-25.0,USD\r
            2026-10,org_min,,,,9.76,0.00,9.76,100.0,USD\r

            """)
        #expect(margin.orgs.map(\.orgId) == ["org_a", "org_min"])
        #expect(margin.orgs.map(\.margin) == [Self.d("-0.01"), Self.d("9.70")])
        #expect(margin.total.revenue == Self.d("10.20"))
        #expect(margin.total.cost == Self.d("0.51"))
        #expect(MarginReport.percentText(margin.total.marginPercent) == "95.0")
    }

    @Test func negativeMarginsComeFirstMostNegativeFirst() {
        func row(_ org: String, _ revenue: String, _ cost: String) -> MarginReport.Row {
            MarginReport.Row(orgId: org, version: .v1, dimension: nil, generations: 1, revenue: Self.d(revenue), cost: Self.d(cost))
        }
        let margin = MarginReport(month: "2026-10", currency: Currency(code: "USD", minorUnitDigits: 2), rows: [
            row("org_a", "5.00", "1.00"), row("org_b", "1.00", "2.00"), row("org_c", "1.00", "4.00"), row("org_d", "2.00", "2.00"),
        ], costFile: "provider.yaml", costSHA256: "")
        #expect(margin.orgs.map(\.orgId) == ["org_c", "org_b", "org_a", "org_d"])
        let section = MarginMarkdown.section(margin)
        #expect(section.contains("| org_c "))
        #expect(section.hasPrefix("## Margin\n\n"))
        #expect(section.contains("| Total "))
    }

    @Test func aCostFileWithoutAPlanForABilledOrgIsRefused() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest([G(id: "a1", org: "org_a", version: .v1, time: "2026-10-02T10:00:00")])
        let report = try fixture.openReport("2026-10")
        let noDefault = Self.cost.replacingOccurrences(of: "defaultPlan: provider\n", with: "")
        #expect(throws: ReportError.self) {
            _ = try MarginReport.build(report: report, costRules: try fixture.rules(noDefault, name: "provider.yaml"))
        }
    }

    @Test func theCostOfAZonedOrgIsRatedInItsLocalMonth() throws {
        let fixture = try ClosingFixture()
        try fixture.ingest(LocalMonthTests.october)
        let report = try MonthReportBuilder(ledger: fixture.ledger).build(month: "2026-10", rules: try fixture.rules(LocalMonthTests.zonedPricing))
        let margin = try #require(try MarginReport.build(report: report, costRules: try fixture.rules(Self.cost, name: "provider.yaml")))
        let berlin = margin.rows.filter { $0.orgId == "org_berlin" }
        #expect(berlin.map { "\($0.version?.rawValue ?? "") \($0.generations ?? 0) \($0.cost)" } == ["v1 2 0.06", "v2 1 0.15"])
    }
}
