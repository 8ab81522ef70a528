import Foundation
import Testing
@testable import AxisLedger

/// Checked against Stripe's published worked example of tiered pricing
/// (units 1–5 at 7.00, 6–10 at 6.50, 11 and above at 6.00), the external truth.
struct TieredPricingTests {
    static func stripeRules(mode: String) throws -> PricingRules {
        try BillingFixtures.rules("""
            currency: USD
            defaultPlan: tiered
            plans:
              tiered:
                v2:
                  mode: \(mode)
                  tiers:
                    - upTo: 5
                      unitPrice: 7.00
                    - upTo: 10
                      unitPrice: 6.50
                    - unitPrice: 6.00
            """)
    }

    @Test(arguments: [(1, "7"), (5, "35"), (6, "39"), (20, "120"), (25, "150")])
    func volumePricesEveryUnitAtTheTierTheQuantityFallsIn(units: Int, total: String) throws {
        let statement = try Rater(rules: Self.stripeRules(mode: "volume")).statement(month: "2026-01", orgId: "org_x", quantities: [.v2: units])
        #expect(statement.total == BillingFixtures.decimal(total))
        #expect(statement.usageLines.count == 1)
    }

    @Test(arguments: [(1, "7"), (5, "35"), (6, "41.50"), (20, "127.50"), (25, "157.50")])
    func graduatedPricesTheUnitsFallingInEachTier(units: Int, total: String) throws {
        let statement = try Rater(rules: Self.stripeRules(mode: "graduated")).statement(month: "2026-01", orgId: "org_x", quantities: [.v2: units])
        #expect(statement.total == BillingFixtures.decimal(total))
        #expect(statement.usageLines.map(\.quantity).reduce(0, +) == units)
    }

    @Test func graduatedLinesNameTheirUnitRanges() throws {
        let statement = try Rater(rules: Self.stripeRules(mode: "graduated")).statement(month: "2026-01", orgId: "org_x", quantities: [.v2: 11])
        #expect(statement.usageLines.map(\.description) == ["v2 units 1–5 at 7.00", "v2 units 6–10 at 6.50", "v2 unit 11 at 6.00"])
        #expect(statement.usageLines.map(\.amount) == [35, 32.5, 6].map { Decimal($0) })
    }

    @Test func graduatedIsTheDefaultModeOfTiers() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            defaultPlan: p
            plans:
              p:
                v2:
                  tiers:
                    - upTo: 5
                      unitPrice: 7.00
                    - unitPrice: 6.00
            """)
        #expect(try Rater(rules: rules).statement(month: "2026-01", orgId: "o", quantities: [.v2: 6]).total == 41)
    }
}
