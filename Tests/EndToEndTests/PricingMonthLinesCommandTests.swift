import Foundation
import Testing

/// `pricing check` with a plan's fee and maximum and an org's discounts: explained in words, or refused with line and key path.
struct PricingMonthLinesCommandTests: LedgerFolderTest {
    let folder: URL

    init() throws {
        folder = try Self.makeFolder("axis-e2e-pricing-lines")
    }

    static let valid = """
        currency: EUR
        defaultPlan: p
        plans:
          p:
            monthlyMinimum: 100.00
            monthlyMaximum: 900.00
            monthlyFee: 49.00
            v1:
              unitPrice: 0.04
        orgs:
          org_berlin:
            plan: p
            discounts:
              - {percent: 10, from: 2026-10, until: 2026-12}
              - {amount: 25.00, from: 2026-10}
        """

    @Test func checkExplainsTheFeeTheMaximumAndTheDiscountsInWords() throws {
        let result = try CommandRunner.run(["pricing", "check", try write("pricing.yaml", Self.valid)])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("    monthly maximum: 900.00 (usage lines above it are capped: a negative cap line takes off the excess)"))
        #expect(lines.contains("    monthly fee: 49.00 (one fee line in every month an org has a statement under the plan; not counted toward the minimum, not capped)"))
        #expect(lines.contains("      10% off, 2026-10 to 2026-12"))
        #expect(lines.contains("      25.00 off, from 2026-10 on"))
    }

    @Test func checkRefusesAMaximumBelowTheMinimumAndABadDiscount() throws {
        let bad = Self.valid.replacingOccurrences(of: "monthlyMaximum: 900.00", with: "monthlyMaximum: 90.00")
            .replacingOccurrences(of: "until: 2026-12", with: "until: 2026-09")
        let path = try write("pricing.yaml", bad)
        let result = try CommandRunner.run(["pricing", "check", path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.stderr)")
        #expect(lines.first?.hasSuffix("\(path):6: plans.p.monthlyMaximum: 90.00 is below the plan's monthlyMinimum 100.00; a month's usage cannot be topped up to the minimum and capped below it, so raise the maximum to at least 100.00 or lower the minimum") == true)
        #expect(lines.dropFirst().first?.hasSuffix("\(path):14: orgs.org_berlin.discounts[0].until: 2026-09 is before from 2026-10; until is the last month the discount applies (inclusive), so it cannot be earlier than from") == true)
        #expect(lines.last?.contains("2 problems found") == true)
    }
}
