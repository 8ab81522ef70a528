import Foundation
import Testing
@testable import AxisLedger

/// Per-tier flat fees and packages, against the examples Stripe and Lago
/// publish (docs/pricing.md, "Flat fees per tier" and "Packages").
struct FlatFeeAndPackageTests {
    private func dec(_ text: String) -> Decimal { BillingFixtures.decimal(text) }

    /// Stripe's flat-amount example: 1–5 at 5 + 10, 6–10 at 4 + 20, 11–15 at 3 + 30, 16–20 at 2 + 40, 21+ at 1 + 50.
    static func stripeRules(mode: String, included: Int = 0) throws -> PricingRules {
        try BillingFixtures.rules("""
            currency: USD
            defaultPlan: p
            plans:
              p:
                v2:
                  included: \(included)
                  mode: \(mode)
                  tiers:
                    - {upTo: 5, unitPrice: 5, flatFee: 10}
                    - {upTo: 10, unitPrice: 4, flatFee: 20}
                    - {upTo: 15, unitPrice: 3, flatFee: 30}
                    - {upTo: 20, unitPrice: 2, flatFee: 40}
                    - {unitPrice: 1, flatFee: 50}
            """)
    }

    static func packageRules(included: Int = 0) throws -> PricingRules {
        try BillingFixtures.rules("""
            currency: USD
            defaultPlan: p
            plans:
              p:
                v2:
                  included: \(included)
                  package: {size: 100, price: 5.00}
            """)
    }

    private func rate(_ rules: PricingRules, _ units: Int) throws -> Statement {
        try Rater(rules: rules).statement(month: "2026-10", orgId: "org_a", quantities: [.v2: units])
    }

    /// The published figures (12 units: 66 volume, 111 graduated) and the
    /// same tiers at their edges, worked by hand.
    @Test(arguments: [
        ("volume", 12, "66"), ("graduated", 12, "111"),
        ("volume", 1, "15"), ("graduated", 1, "15"),
        ("volume", 5, "35"), ("graduated", 5, "35"),
        ("volume", 6, "44"), ("graduated", 6, "59"),
        ("volume", 20, "80"), ("graduated", 20, "170"),
        ("volume", 21, "71"), ("graduated", 21, "221"),
    ])
    func stripesFlatAmountExample(mode: String, units: Int, total: String) throws {
        #expect(try rate(Self.stripeRules(mode: mode), units).total == dec(total))
    }

    @Test func graduatedChargesTheFeeOfEveryTierAUnitFallsIn() throws {
        let statement = try rate(Self.stripeRules(mode: "graduated"), 12)
        #expect(statement.usageLines.map(\.description) == [
            "v2 units 1–5 at 5.00", "v2 flat fee of the tier units 1–5: 10.00",
            "v2 units 6–10 at 4.00", "v2 flat fee of the tier units 6–10: 20.00",
            "v2 units 11–12 at 3.00", "v2 flat fee of the tier units 11–15: 30.00",
        ])
        #expect(statement.usageLines.map(\.amount) == [25, 10, 20, 20, 6, 30].map { Decimal($0) })
        // A fee line prices no units: the units lines still add up to the quantity.
        #expect(statement.usageLines.map(\.quantity).reduce(0, +) == 12)
        #expect(statement.usageLines.filter { $0.unitPrice == nil }.map(\.quantity) == [0, 0, 0])
    }

    @Test func volumeChargesTheFeeOfTheTierTheQuantityFallsIn() throws {
        let statement = try rate(Self.stripeRules(mode: "volume"), 12)
        #expect(statement.usageLines.map(\.description) == ["v2 12 units at 3.00 (volume)", "v2 flat fee of the tier units 11–15 (volume): 30.00"])
    }

    @Test(arguments: ["volume", "graduated"])
    func noBillableUnitsChargeNoFlatFee(mode: String) throws {
        let statement = try rate(Self.stripeRules(mode: mode, included: 20), 12)
        #expect(statement.usageLines.map(\.description) == ["v2 12 units, all within the 20 included"])
        #expect(statement.total == 0)
    }

    @Test func includedUnitsComeBeforeTheTiersAndTheirFees() throws {
        // 12 units with 5 included: 7 billable, so tiers 1–5 and 6–10 are used.
        let statement = try rate(Self.stripeRules(mode: "graduated", included: 5), 12)
        #expect(statement.total == dec("25") + dec("10") + dec("8") + dec("20"))
    }

    @Test func aFeeIsRoundedHalfUpOnItsOwnLine() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            defaultPlan: p
            plans:
              p:
                v2:
                  tiers:
                    - {unitPrice: 0.001, flatFee: 0.125}
            """)
        let statement = try rate(rules, 4)
        #expect(statement.usageLines.map(\.amount) == [dec("0.00"), dec("0.13")])
        #expect(statement.total == dec("0.13"))
    }

    /// Lago's package example: 201 units in packages of 100 at 5.00 are 3 packages,
    /// 15.00; with 100 included, 101 billable units are 2 packages, 10.00.
    @Test(arguments: [
        (0, 201, "15.00"), (100, 201, "10.00"),
        (0, 1, "5.00"), (0, 100, "5.00"), (0, 200, "10.00"), (100, 100, "0.00"), (100, 101, "5.00"),
    ])
    func lagosPackageExample(included: Int, units: Int, total: String) throws {
        #expect(try rate(Self.packageRules(included: included), units).total == dec(total))
    }

    @Test func aPackageLineCountsPackagesAtThePackagePrice() throws {
        let plain = try rate(Self.packageRules(), 201)
        #expect(plain.usageLines.map(\.description) == ["v2 201 units in 3 packages of 100 at 5.00"])
        #expect(plain.usageLines.map(\.quantity) == [3])
        #expect(plain.usageLines.map(\.unitPrice) == [dec("5.00")])
        let included = try rate(Self.packageRules(included: 100), 201)
        #expect(included.usageLines.map(\.description) == ["v2 201 units, 100 included, 101 billable in 2 packages of 100 at 5.00"])
    }

    @Test func packagesAndFeesWorkPerDimensionValueWithAMinimum() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            defaultPlan: p
            plans:
              p:
                monthlyMinimum: 50.00
                v2:
                  by: resolution
                  prices:
                    4K:
                      included: 100
                      package: {size: 100, price: 5.00}
                  default:
                    mode: volume
                    tiers:
                      - {upTo: 10, unitPrice: 0.10, flatFee: 1.00}
                      - {unitPrice: 0.05, flatFee: 2.00}
            """)
        var usage = BilledUsage()
        usage.counts[.v2] = [GenerationAttributes(resolution: "4K"): 201, GenerationAttributes(resolution: "1K"): 8, .none: 4]
        let statement = try Rater(rules: rules).statement(month: "2026-10", orgId: "org_a", usage: usage)
        // 4K: 2 packages, 10.00; the 12 others: 12 × 0.05 + 2.00 = 2.60; minimum tops 12.60 up to 50.00.
        #expect(statement.usageLines.map(\.amount) == [dec("10.00"), dec("0.60"), dec("2.00")])
        #expect(statement.usageLines.map(\.dimension) == ["4K", "default", "default"])
        #expect(statement.minimumTopUp == dec("37.40"))
        #expect(statement.total == dec("50.00"))
    }

    @Test func pricingCheckExplainsFeesAndPackagesInWords() throws {
        let fees = PricingRulesSummary.render(try Self.stripeRules(mode: "graduated"))
        #expect(fees.contains("      units 1–5 at 5.00 plus a flat fee of 10.00 once when any billable unit falls in this tier\n"), "\(fees)")
        #expect(fees.contains("(no flat fee when every unit is included or there is no usage)"))
        let volume = PricingRulesSummary.render(try Self.stripeRules(mode: "volume"))
        #expect(volume.contains("      units 21 and above at 1.00 plus a flat fee of 50.00 when the month's billable quantity falls in this tier\n"), "\(volume)")
        let packages = PricingRulesSummary.render(try Self.packageRules(included: 100))
        #expect(packages.contains("    v2: first 100 units a month included, then packages of 100 units at 5.00 each; every started package is charged in full\n"), "\(packages)")
    }
}
