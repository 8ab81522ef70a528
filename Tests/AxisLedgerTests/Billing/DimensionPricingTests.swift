import Foundation
import Testing
@testable import AxisLedger

/// Pricing by a dimension of the request (docs/pricing.md, "Dimensions"):
/// each listed value is priced and tiered on its own; every other value, and
/// a generation without the attribute, is pooled under `default`.
struct DimensionPricingTests {
    private func dec(_ text: String) -> Decimal { BillingFixtures.decimal(text) }

    /// 4K graduated (10 at 1.00, then 0.50), 1K at 0.10, anything else at 0.20; listed 4K first.
    static let yaml = """
        currency: USD
        defaultPlan: p
        plans:
          p:
            monthlyMinimum: 20.00
            v1:
              unitPrice: 0.04
            v2:
              by: resolution
              prices:
                4K:
                  tiers:
                    - upTo: 10
                      unitPrice: 1.00
                    - unitPrice: 0.50
                1K:
                  unitPrice: 0.10
              default:
                unitPrice: 0.20
        """

    static func counts(_ pairs: [(String?, Int)]) -> [GenerationAttributes: Int] {
        Dictionary(pairs.map { (GenerationAttributes(resolution: $0.0), $0.1) }, uniquingKeysWith: +)
    }

    private func statement(_ v2: [(String?, Int)], v1: Int = 0, yaml: String = Self.yaml) throws -> Statement {
        var usage = BilledUsage(counts: [.v2: Self.counts(v2)])
        if v1 > 0 { usage.counts[.v1] = [.none: v1] }
        return try Rater(rules: BillingFixtures.rules(yaml)).statement(month: "2026-10", orgId: "org_a", usage: usage)
    }

    @Test func eachListedValueIsTieredOnItsOwnAndTheRestIsPooledUnderDefault() throws {
        let statement = try statement([("4K", 12), ("1K", 5), ("2K", 3), (nil, 2)])
        #expect(statement.usageLines.map(\.description) == [
            "v2 resolution 4K units 1–10 at 1.00", "v2 resolution 4K units 11–12 at 0.50",
            "v2 resolution 1K 5 units at 0.10", "v2 resolution default 5 units at 0.20",
        ])
        #expect(statement.usageLines.map(\.dimension) == ["4K", "4K", "1K", "default"])
        #expect(statement.usageLines.map(\.amount) == [dec("10.00"), dec("1.00"), dec("0.50"), dec("1.00")])
        #expect(statement.subtotal == dec("12.50"))
        // The minimum tops up the usage subtotal, whatever dimension the lines price.
        #expect(statement.minimumTopUp == dec("7.50"))
        #expect(statement.total == dec("20.00"))
        #expect(statement.lines.last?.quantity == 22)
    }

    @Test func valuesNotListedAndAbsentValuesAreTieredTogether() throws {
        let yaml = Self.yaml.replacingOccurrences(of: """
                  default:
                    unitPrice: 0.20
            """, with: """
                  default:
                    tiers:
                      - upTo: 5
                        unitPrice: 1.00
                      - unitPrice: 0.10
            """)
        // 3 at 2K and 4 without a resolution are 7 units of one pool: 5 at 1.00 and 2 at 0.10,
        // not 3.00 + 4.00 as two pools would be.
        let statement = try statement([("2K", 3), (nil, 4)], yaml: yaml)
        #expect(statement.usageLines.map(\.quantity) == [5, 2])
        #expect(statement.usageLines.allSatisfy { $0.dimension == "default" })
        #expect(statement.subtotal == dec("5.20"))
    }

    @Test func valuesAreMatchedExactlyAsTheRequestCarriesThem() throws {
        let statement = try statement([("4k", 2), ("", 1)])
        #expect(statement.usageLines.map(\.dimension) == ["default"])
        #expect(statement.usageLines.map(\.quantity) == [3])
    }

    @Test func countsWithoutABreakdownArePricedByDefault() throws {
        let statement = try Rater(rules: BillingFixtures.rules(Self.yaml)).statement(month: "2026-10", orgId: "org_a", quantities: [.v2: 4])
        #expect(statement.usageLines.map(\.description) == ["v2 resolution default 4 units at 0.20"])
    }

    @Test func aVersionWithoutADimensionHasNoDimensionOnItsLines() throws {
        let statement = try statement([("4K", 1)], v1: 3)
        #expect(statement.usageLines.map(\.version) == [.v1, .v2])
        #expect(statement.usageLines.map(\.dimension) == [nil, "4K"])
    }

    @Test func eachValueHasItsOwnIncludedUnits() throws {
        let yaml = """
            currency: USD
            defaultPlan: p
            plans:
              p:
                v2:
                  by: category
                  prices:
                    category_blog_header:
                      included: 10
                      unitPrice: 0.05
                  default:
                    included: 2
                    unitPrice: 0.30
            """
        var usage = BilledUsage()
        usage.counts[.v2] = [GenerationAttributes(category: "category_blog_header"): 14,
                             GenerationAttributes(category: "category_product_launch"): 1,
                             GenerationAttributes(resolution: "4K"): 1]
        let statement = try Rater(rules: BillingFixtures.rules(yaml)).statement(month: "2026-10", orgId: "org_a", usage: usage)
        #expect(statement.usageLines.map(\.description) == [
            "v2 category category_blog_header 14 units, 10 included, 4 at 0.05",
            "v2 category default 2 units, all within the 2 included",
        ])
        #expect(statement.total == dec("0.20"))
    }

    @Test func aspectRatioValuesKeepTheirText() throws {
        let yaml = """
            currency: USD
            defaultPlan: p
            plans:
              p:
                v2:
                  by: aspectRatio
                  prices:
                    16:9:
                      unitPrice: 0.12
                  default:
                    unitPrice: 0.10
            """
        var usage = BilledUsage()
        usage.counts[.v2] = [GenerationAttributes(aspectRatio: "16:9"): 2, GenerationAttributes(aspectRatio: "1:1"): 1]
        let statement = try Rater(rules: BillingFixtures.rules(yaml)).statement(month: "2026-10", orgId: "org_a", usage: usage)
        #expect(statement.usageLines.map(\.description) == ["v2 aspect ratio 16:9 2 units at 0.12", "v2 aspect ratio default 1 unit at 0.10"])
        #expect(statement.total == dec("0.34"))
    }

    @Test func aNegativeCountIsRefused() throws {
        #expect(throws: PricingError.self) { try statement([("4K", 2), ("1K", -1)]) }
    }

    @Test func pricingCheckExplainsTheDimensionInWords() throws {
        let summary = PricingRulesSummary.render(try BillingFixtures.rules(Self.yaml))
        #expect(summary.contains("""
                v2: priced by the request's resolution (from each generation's earliest record); each value's units are counted and tiered on their own
                  4K: graduated tiers (each tier prices the billable units that fall in it)
                    units 1–10 at 1.00
                    units 11 and above at 0.50
                  1K: every unit at 0.10
                  default (any other value, or none; counted together): every unit at 0.20

            """), "\(summary)")
    }
}
