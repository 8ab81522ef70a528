import Foundation
import Testing
@testable import AxisLedger

/// Rating under the first example file (docs/provider-pricing.example.yaml) and small variations of it.
struct RaterTests {
    private func rate(_ org: String, _ month: String, _ quantities: [APIVersion: Int], rules: PricingRules? = nil) throws -> Statement {
        try Rater(rules: rules ?? BillingFixtures.exampleRules()).statement(month: month, orgId: org, quantities: quantities)
    }

    private func dec(_ text: String) -> Decimal { BillingFixtures.decimal(text) }

    @Test func standardPlanPricesV1FlatAndV2Graduated() throws {
        let statement = try rate("org_other", "2026-03", [.v1: 2400, .v2: 1500])
        #expect(statement.planName == "standard")
        #expect(statement.lines.map(\.description) == [
            "v1 2400 units at 0.04", "v2 units 1–1000 at 0.12", "v2 units 1001–1500 at 0.10", "total",
        ])
        // 2400 × 0.04 = 96.00; 1000 × 0.12 = 120.00; 500 × 0.10 = 50.00
        #expect(statement.lines.map(\.amount) == [dec("96"), dec("120"), dec("50"), dec("266")])
        #expect(statement.lines.map(\.kind) == [.usage, .usage, .usage, .total])
        #expect(statement.lines.last?.quantity == 3900)
        #expect(statement.lines.last?.version == nil)
        #expect(statement.subtotal == 266 && statement.minimumTopUp == 0 && statement.total == 266)
    }

    @Test func includedUnitsAreTakenBeforeThePrice() throws {
        let statement = try rate("org_acme", "2026-03", [.v1: 2400])
        let line = try #require(statement.usageLines.first)
        #expect(line.description == "v1 2400 units, 1000 included, 1400 at 0.035")
        #expect(line.quantity == 1400)
        #expect(line.unitPrice == dec("0.035"))
        #expect(line.amount == dec("49")) // 1400 × 0.035
    }

    @Test func includedUnitsLargerThanUsageGiveAVisibleZeroLine() throws {
        let statement = try rate("org_acme", "2026-03", [.v1: 800])
        let line = try #require(statement.usageLines.first)
        #expect(statement.usageLines.count == 1)
        #expect(line.description == "v1 800 units, all within the 1000 included")
        #expect(line.quantity == 0 && line.amount == 0 && line.unitPrice == nil)
        #expect(statement.lines.last?.quantity == 800)
    }

    @Test func listedOrgWithNoUsageIsBilledTheMinimum() throws {
        let statement = try rate("org_acme", "2026-03", [:])
        #expect(statement.usageLines.isEmpty)
        #expect(statement.subtotal == 0)
        #expect(statement.minimumTopUp == 250)
        #expect(statement.total == 250)
        #expect(statement.lines.map(\.kind) == [.minimum, .total])
        #expect(statement.lines.first?.description == "monthly minimum 250.00 top-up")
    }

    @Test func minimumTopsUpALowSubtotalAndNotAHighOne() throws {
        // v2 volume: 1500 × 0.11 = 165.00 → top-up 85.00
        let low = try rate("org_acme", "2026-03", [.v2: 1500])
        #expect(low.usageLines.map(\.description) == ["v2 1500 units at 0.11 (volume)"])
        #expect(low.subtotal == 165 && low.minimumTopUp == 85 && low.total == 250)
        // 6000 × 0.09 = 540.00, above the minimum
        let high = try rate("org_acme", "2026-03", [.v2: 6000])
        #expect(high.usageLines.map(\.description) == ["v2 6000 units at 0.09 (volume)"])
        #expect(high.total == 540 && high.minimumTopUp == 0)
        #expect(!high.lines.contains { $0.kind == .minimum })
    }

    @Test func theDocumentedGrowthStatementAddsUp() throws {
        // docs/pricing.md, "Statements": 49.00 + 165.00 = 214.00, top-up 36.00
        let statement = try rate("org_acme", "2026-03", [.v1: 2400, .v2: 1500])
        #expect(statement.lines.map(\.description) == [
            "v1 2400 units, 1000 included, 1400 at 0.035", "v2 1500 units at 0.11 (volume)", "monthly minimum 250.00 top-up", "total",
        ])
        #expect(statement.lines.map(\.quantity) == [1400, 1500, 0, 3900])
        #expect(statement.lines.map(\.amount) == [dec("49"), dec("165"), dec("36"), dec("250")])
        #expect(statement.lines.map(\.kind) == [.usage, .usage, .minimum, .total])
    }

    @Test func planSwitchesAtAMonthBoundary() throws {
        let october = try rate("org_initech", "2026-10", [.v1: 100])
        let november = try rate("org_initech", "2026-11", [.v1: 100])
        #expect(october.planName == "standard")
        #expect(october.total == 4) // 100 × 0.04
        #expect(november.planName == "growth")
        #expect(november.total == 250) // all 100 included, minimum applies
    }

    @Test func orgListedOnlyFromALaterMonthFallsBackToTheDefaultPlan() throws {
        let rules = try BillingFixtures.exampleRules()
        #expect(rules.planName(forOrg: "org_initech", month: "2025-12") == "standard")
        #expect(rules.planName(forOrg: "org_initech", month: "2026-12") == "growth")
        #expect(rules.planName(forOrg: "org_unlisted", month: "2026-12") == "standard")
    }

    @Test func linesAreRoundedHalfUpAtHalfACent() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            defaultPlan: p
            plans:
              p:
                v1:
                  unitPrice: 0.005
                v2:
                  unitPrice: 0.004999
            """)
        #expect(try rate("o", "2026-01", [.v1: 1], rules: rules).total == dec("0.01"))
        #expect(try rate("o", "2026-01", [.v1: 3], rules: rules).total == dec("0.02")) // 0.015
        #expect(try rate("o", "2026-01", [.v2: 1], rules: rules).total == 0)
    }

    @Test func moneyIsExactDecimal() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            defaultPlan: p
            plans:
              p:
                v1:
                  unitPrice: 0.035
                v2:
                  unitPrice: 0.1
            """)
        // 3 × 0.035 = 0.105 exactly, which rounds to 0.11 (in binary floating point it is 0.10499…)
        #expect(try rate("o", "2026-01", [.v1: 3], rules: rules).total == dec("0.11"))
        // 0.1 + 0.2 style: 3 units at 0.1 is exactly 0.30
        let statement = try rate("o", "2026-01", [.v1: 3, .v2: 3], rules: rules)
        #expect(statement.subtotal == dec("0.41"))
        #expect(statement.usageLines.map(\.amount) == [dec("0.11"), dec("0.3")])
    }

    @Test func subtotalIsTheSumOfRoundedLines() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            defaultPlan: p
            plans:
              p:
                v1:
                  unitPrice: 0.005
                v2:
                  unitPrice: 0.005
            """)
        // each line 0.005 → 0.01, so 0.02, not round(0.010) = 0.01
        #expect(try rate("o", "2026-01", [.v1: 1, .v2: 1], rules: rules).total == dec("0.02"))
    }

    @Test func pricesMayBeQuotedStrings() throws {
        let rules = try BillingFixtures.rules("""
            currency: "EUR"
            defaultPlan: p
            plans:
              p:
                monthlyMinimum: "10.00"
                v1:
                  included: "5"
                  unitPrice: "0.10"
            """)
        let statement = try rate("o", "2026-01", [.v1: 105], rules: rules)
        #expect(statement.usageLines.first?.amount == 10)
        #expect(statement.usageLines.first?.description == "v1 105 units, 5 included, 100 at 0.10")
        #expect(statement.total == 10)
    }

    @Test func zeroDigitCurrencyRoundsToWholeUnits() throws {
        let rules = try BillingFixtures.rules("""
            currency: JPY
            defaultPlan: p
            plans:
              p:
                v1:
                  unitPrice: 0.5
            """)
        #expect(try rate("o", "2026-01", [.v1: 3], rules: rules).total == 2) // 1.5 → 2
    }

    @Test func graduatedTiersCountBillableUnitsAfterTheIncluded() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            defaultPlan: p
            plans:
              p:
                v2:
                  included: 500
                  tiers:
                    - upTo: 1000
                      unitPrice: 0.12
                    - unitPrice: 0.10
            """)
        let statement = try rate("o", "2026-01", [.v2: 2000], rules: rules)
        #expect(statement.usageLines.map(\.description) == [
            "v2 2000 units, 500 included; billable units 1–1000 at 0.12", "v2 billable units 1001–1500 at 0.10",
        ])
        #expect(statement.usageLines.map(\.quantity) == [1000, 500])
        #expect(statement.total == 170) // 120 + 50
    }

    @Test func volumeWithIncludedPricesTheBillableQuantity() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            defaultPlan: p
            plans:
              p:
                v2:
                  mode: volume
                  included: 1000
                  tiers:
                    - upTo: 5000
                      unitPrice: 0.11
                    - unitPrice: 0.09
            """)
        // 6000 used, 5000 billable: still in the first tier
        let statement = try rate("o", "2026-01", [.v2: 6000], rules: rules)
        #expect(statement.usageLines.map(\.description) == ["v2 6000 units, 1000 included, 5000 at 0.11 (volume)"])
        #expect(statement.total == 550)
    }

    @Test func usageOfAVersionThePlanDoesNotPriceIsAnError() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            defaultPlan: v1only
            plans:
              v1only:
                v1:
                  unitPrice: 0.04
            """)
        #expect(try rate("o", "2026-01", [.v1: 10, .v2: 0], rules: rules).total == dec("0.4"))
        let error = try #require(throws: PricingError.self) { try rate("org_z", "2026-01", [.v2: 3], rules: rules) }
        let problem = try #require(error.problems.first)
        #expect(problem.keyPath == "plans.v1only")
        #expect(problem.line == 4)
        #expect(problem.message.contains("does not price v2"))
        #expect(problem.message.contains("org_z"))
    }

    @Test func anOrgWithNoPlanInForceIsAnError() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            plans:
              p:
                v1:
                  unitPrice: 0.04
            orgs:
              org_late:
                - from: 2026-06
                  plan: p
            """)
        #expect(rules.planName(forOrg: "org_late", month: "2026-05") == nil)
        #expect(rules.planName(forOrg: "org_late", month: "2026-06") == "p")
        let error = try #require(throws: PricingError.self) { try rate("org_late", "2026-05", [.v1: 1], rules: rules) }
        #expect(error.description.contains("no plan is in force"))
    }

    @Test func statementsIncludeListedOrgsWithoutUsage() throws {
        let statements = try Rater(rules: BillingFixtures.exampleRules())
            .statements(month: "2026-11", usageByOrg: ["org_b": [.v1: 10], "org_acme": [.v1: 1]])
        #expect(statements.map(\.orgId) == ["org_acme", "org_b", "org_initech"])
        #expect(statements.map(\.total) == [250, dec("0.4"), 250])
    }
}
