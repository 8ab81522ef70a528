import Testing
@testable import AxisLedger

/// Every way a pricing file is refused, with the line and key path the
/// message points at.
struct PricingRulesValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var rule: String
        var yaml: String
        var line: Int?
        var keyPath: String
        var says: String
        var testDescription: String { rule }
    }

    /// A valid file: `currency` on line 1, `defaultPlan` 2, `plans` 3, the plans from line 4
    /// (by default 3 lines, so `extra` starts on line 7).
    static func file(plans: String = "  p:\n    v1:\n      unitPrice: 0.04\n", extra: String = "") -> String {
        "currency: USD\ndefaultPlan: p\nplans:\n" + plans + extra
    }

    static let cases: [Case] = [
        Case(rule: "unknown plan in defaultPlan", yaml: "currency: USD\ndefaultPlan: premium\nplans:\n  p:\n    v1:\n      unitPrice: 1\n",
             line: 2, keyPath: "defaultPlan", says: "unknown plan `premium`; the plans defined under plans are p"),
        Case(rule: "unknown plan for an org", yaml: file(extra: "orgs:\n  org_a: gold\n"),
             line: 8, keyPath: "orgs.org_a", says: "unknown plan `gold`"),
        Case(rule: "unknown plan in an org's assignment list", yaml: file(extra: "orgs:\n  org_a:\n    - from: 2026-01\n      plan: gold\n"),
             line: 10, keyPath: "orgs.org_a[0].plan", says: "unknown plan `gold`"),
        Case(rule: "an org mapping without plan", yaml: file(extra: "orgs:\n  org_a:\n    timezone: Europe/Berlin\n"),
             line: 8, keyPath: "orgs.org_a", says: "missing plan; an org written as a mapping names its plan with `plan: NAME`"),
        Case(rule: "an unknown key in an org mapping", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    zone: Europe/Berlin\n"),
             line: 10, keyPath: "orgs.org_a.zone", says: "unknown key `zone`; the keys allowed here are plan, timezone, discounts, credits"),
        Case(rule: "an unknown plan in an org mapping", yaml: file(extra: "orgs:\n  org_a:\n    plan: gold\n"),
             line: 9, keyPath: "orgs.org_a.plan", says: "unknown plan `gold`"),
        Case(rule: "a time zone abbreviation", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    timezone: Berlin\n"),
             line: 10, keyPath: "orgs.org_a.timezone", says: "unknown time zone `Berlin`; write an IANA name such as Europe/Berlin"),
        Case(rule: "a time zone in the wrong case", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    timezone: europe/berlin\n"),
             line: 10, keyPath: "orgs.org_a.timezone", says: "unknown time zone `europe/berlin`; did you mean Europe/Berlin?"),
        Case(rule: "a time zone written as an offset", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    timezone: \"+05:30\"\n"),
             line: 10, keyPath: "orgs.org_a.timezone", says: "unknown time zone `+05:30`; write an IANA name such as Europe/Berlin"),
        Case(rule: "a region and city no zone file has", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    timezone: Europe/Atlantis\n"),
             line: 10, keyPath: "orgs.org_a.timezone", says: "unknown time zone `Europe/Atlantis`; write an IANA name such as Europe/Berlin"),
        Case(rule: "tiers not increasing", yaml: file(plans: "  p:\n    v2:\n      tiers:\n        - upTo: 100\n          unitPrice: 1\n        - upTo: 100\n          unitPrice: 2\n        - unitPrice: 3\n"),
             line: 9, keyPath: "plans.p.v2.tiers[1].upTo", says: "100 is not above the previous tier's upTo 100"),
        Case(rule: "a tier without unitPrice", yaml: file(plans: "  p:\n    v2:\n      tiers:\n        - upTo: 100\n        - unitPrice: 3\n"),
             line: 7, keyPath: "plans.p.v2.tiers[0]", says: "missing unitPrice"),
        Case(rule: "upTo on the last tier", yaml: file(plans: "  p:\n    v2:\n      tiers:\n        - upTo: 100\n          unitPrice: 1\n        - upTo: 200\n          unitPrice: 2\n"),
             line: 9, keyPath: "plans.p.v2.tiers[1].upTo", says: "the last tier must not have upTo; it covers every unit above the previous tier"),
        Case(rule: "no upTo on a tier before the last", yaml: file(plans: "  p:\n    v2:\n      tiers:\n        - unitPrice: 1\n        - unitPrice: 2\n"),
             line: 7, keyPath: "plans.p.v2.tiers[0]", says: "missing upTo"),
        Case(rule: "upTo of zero", yaml: file(plans: "  p:\n    v2:\n      tiers:\n        - upTo: 0\n          unitPrice: 1\n        - unitPrice: 2\n"),
             line: 7, keyPath: "plans.p.v2.tiers[0].upTo", says: "must be at least 1"),
        Case(rule: "negative unit price", yaml: file(plans: "  p:\n    v1:\n      unitPrice: -0.04\n"),
             line: 6, keyPath: "plans.p.v1.unitPrice", says: "-0.04 is negative"),
        Case(rule: "negative included", yaml: file(plans: "  p:\n    v1:\n      included: -5\n      unitPrice: 0.04\n"),
             line: 6, keyPath: "plans.p.v1.included", says: "-5 is negative"),
        Case(rule: "negative monthly minimum", yaml: file(plans: "  p:\n    monthlyMinimum: -1.00\n    v1:\n      unitPrice: 0.04\n"),
             line: 5, keyPath: "plans.p.monthlyMinimum", says: "-1.00 is negative"),
        Case(rule: "non-numeric price", yaml: file(plans: "  p:\n    v1:\n      unitPrice: four cents\n"),
             line: 6, keyPath: "plans.p.v1.unitPrice", says: "`four cents` is not a number"),
        Case(rule: "price with an exponent", yaml: file(plans: "  p:\n    v1:\n      unitPrice: 4e-2\n"),
             line: 6, keyPath: "plans.p.v1.unitPrice", says: "`4e-2` is not a number"),
        Case(rule: "price with a plus sign", yaml: file(plans: "  p:\n    v1:\n      unitPrice: +0.04\n"),
             line: 6, keyPath: "plans.p.v1.unitPrice", says: "`+0.04` is not a number"),
        Case(rule: "price with no value", yaml: file(plans: "  p:\n    v1:\n      unitPrice:\n"),
             line: 6, keyPath: "plans.p.v1.unitPrice", says: "has no value"),
        Case(rule: "price as a list", yaml: file(plans: "  p:\n    v1:\n      unitPrice: [1, 2]\n"),
             line: 6, keyPath: "plans.p.v1.unitPrice", says: "must be a number"),
        Case(rule: "more than 6 decimals", yaml: file(plans: "  p:\n    v1:\n      unitPrice: 0.0000001\n"),
             line: 6, keyPath: "plans.p.v1.unitPrice", says: "0.0000001 has 7 decimals; a unit price has at most 6 decimals"),
        Case(rule: "minimum with more decimals than the currency", yaml: file(plans: "  p:\n    monthlyMinimum: 10.005\n    v1:\n      unitPrice: 0.04\n"),
             line: 5, keyPath: "plans.p.monthlyMinimum", says: "an amount in USD has at most 2 decimals"),
        Case(rule: "a maximum below the minimum", yaml: file(plans: "  p:\n    monthlyMinimum: 500.00\n    monthlyMaximum: 400.00\n    v1:\n      unitPrice: 0.04\n"),
             line: 6, keyPath: "plans.p.monthlyMaximum", says: "400.00 is below the plan's monthlyMinimum 500.00; a month's usage cannot be topped up to the minimum and capped below it"),
        Case(rule: "a maximum below the minimum written after it", yaml: file(plans: "  p:\n    monthlyMaximum: 9\n    v1:\n      unitPrice: 0.04\n    monthlyMinimum: 10\n"),
             line: 5, keyPath: "plans.p.monthlyMaximum", says: "9.00 is below the plan's monthlyMinimum 10.00"),
        Case(rule: "a negative maximum", yaml: file(plans: "  p:\n    monthlyMaximum: -1\n    v1:\n      unitPrice: 0.04\n"),
             line: 5, keyPath: "plans.p.monthlyMaximum", says: "-1 is negative"),
        Case(rule: "a maximum with more decimals than the currency", yaml: file(plans: "  p:\n    monthlyMaximum: 100.001\n    v1:\n      unitPrice: 0.04\n"),
             line: 5, keyPath: "plans.p.monthlyMaximum", says: "100.001 has 3 decimals; an amount in USD has at most 2 decimals"),
        Case(rule: "a fee with more decimals than the currency", yaml: file(plans: "  p:\n    monthlyFee: 49.001\n    v1:\n      unitPrice: 0.04\n"),
             line: 5, keyPath: "plans.p.monthlyFee", says: "49.001 has 3 decimals; an amount in USD has at most 2 decimals"),
        Case(rule: "a fee that is not a number", yaml: file(plans: "  p:\n    monthlyFee: forty\n    v1:\n      unitPrice: 0.04\n"),
             line: 5, keyPath: "plans.p.monthlyFee", says: "`forty` is not a number; write a plain decimal such as 49.00"),
        Case(rule: "a fee in a currency without decimals", yaml: "currency: JPY\nplans:\n  p:\n    monthlyFee: 1000.5\n    v1:\n      unitPrice: 4\n",
             line: 4, keyPath: "plans.p.monthlyFee", says: "an amount in JPY has at most 0 decimals"),
        Case(rule: "discounts that are not a list", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts: 10\n"),
             line: 10, keyPath: "orgs.org_a.discounts", says: "must be a list of discounts, each `- percent: 10` or `- amount: 25.00`"),
        Case(rule: "a discount with both percent and amount", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - percent: 10\n        amount: 5.00\n        from: 2026-10\n"),
             line: 11, keyPath: "orgs.org_a.discounts[0]", says: "has both percent and amount; a discount is one or the other"),
        Case(rule: "a discount with neither percent nor amount", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - from: 2026-10\n"),
             line: 11, keyPath: "orgs.org_a.discounts[0]", says: "missing percent or amount; add `percent: 10` for 10% off or `amount: 25.00`"),
        Case(rule: "a discount without from", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - percent: 10\n"),
             line: 11, keyPath: "orgs.org_a.discounts[0]", says: "missing from; add the first month (YYYY-MM) the discount applies"),
        Case(rule: "a percentage above 100", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - percent: 150\n        from: 2026-10\n"),
             line: 11, keyPath: "orgs.org_a.discounts[0].percent", says: "150 is more than 100; a percentage is more than 0 and at most 100"),
        Case(rule: "a percentage of 0", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - percent: 0\n        from: 2026-10\n"),
             line: 11, keyPath: "orgs.org_a.discounts[0].percent", says: "a discount of 0% takes nothing off"),
        Case(rule: "a negative percentage", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - percent: -10\n        from: 2026-10\n"),
             line: 11, keyPath: "orgs.org_a.discounts[0].percent", says: "-10 is negative"),
        Case(rule: "a percentage with too many decimals", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - percent: 12.34567\n        from: 2026-10\n"),
             line: 11, keyPath: "orgs.org_a.discounts[0].percent", says: "12.34567 has 5 decimals; a percentage has at most 4 decimals"),
        Case(rule: "a discount amount with more decimals than the currency", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - amount: 5.001\n        from: 2026-10\n"),
             line: 11, keyPath: "orgs.org_a.discounts[0].amount", says: "an amount in USD has at most 2 decimals"),
        Case(rule: "a discount amount of 0", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - amount: 0.00\n        from: 2026-10\n"),
             line: 11, keyPath: "orgs.org_a.discounts[0].amount", says: "a discount of 0 takes nothing off"),
        Case(rule: "a negative discount amount", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - amount: -5\n        from: 2026-10\n"),
             line: 11, keyPath: "orgs.org_a.discounts[0].amount", says: "-5 is negative"),
        Case(rule: "a discount from a month 13", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - percent: 10\n        from: 2026-13\n"),
             line: 12, keyPath: "orgs.org_a.discounts[0].from", says: "`2026-13` is not a month; write YYYY-MM"),
        Case(rule: "a discount until a full date", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - percent: 10\n        from: 2026-10\n        until: 2026-12-31\n"),
             line: 13, keyPath: "orgs.org_a.discounts[0].until", says: "`2026-12-31` is not a month"),
        Case(rule: "a discount until before from", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - percent: 10\n        from: 2026-10\n        until: 2026-09\n"),
             line: 13, keyPath: "orgs.org_a.discounts[0].until", says: "2026-09 is before from 2026-10; until is the last month the discount applies (inclusive)"),
        Case(rule: "an unknown key in a discount", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - percent: 10\n        from: 2026-10\n        to: 2026-12\n"),
             line: 13, keyPath: "orgs.org_a.discounts[0].to", says: "unknown key `to`; the keys allowed here are percent, amount, from, until"),
        Case(rule: "the second discount is the bad one", yaml: file(extra: "orgs:\n  org_a:\n    plan: p\n    discounts:\n      - percent: 10\n        from: 2026-10\n      - {amount: 5.00}\n"),
             line: 13, keyPath: "orgs.org_a.discounts[1]", says: "missing from"),
        Case(rule: "unknown top-level key", yaml: file(extra: "discounts: 5\n"),
             line: 7, keyPath: "discounts", says: "unknown key `discounts`; the keys allowed at the top level are currency, defaultPlan, orgs, plans"),
        Case(rule: "unknown key in a plan", yaml: file(plans: "  p:\n    v3:\n      unitPrice: 1\n    v1:\n      unitPrice: 0.04\n"),
             line: 5, keyPath: "plans.p.v3", says: "allowed here are monthlyFee, monthlyMaximum, monthlyMinimum, v1, v2"),
        Case(rule: "unknown key in a version", yaml: file(plans: "  p:\n    v1:\n      unitprice: 0.04\n      unitPrice: 0.04\n"),
             line: 6, keyPath: "plans.p.v1.unitprice", says: "allowed here are by, default, included, mode, package, prices, tiers, unitPrice"),
        Case(rule: "unknown key in a tier", yaml: file(plans: "  p:\n    v2:\n      tiers:\n        - upto: 5\n          unitPrice: 1\n"),
             line: 7, keyPath: "plans.p.v2.tiers[0].upto", says: "allowed here are flatFee, unitPrice, upTo"),
        Case(rule: "unknown key in an assignment", yaml: file(extra: "orgs:\n  org_a:\n    - from: 2026-01\n      plan: p\n      until: 2026-05\n"),
             line: 11, keyPath: "orgs.org_a[0].until", says: "allowed here are from, plan"),
        Case(rule: "a month 13", yaml: file(extra: "orgs:\n  org_a:\n    - from: 2026-13\n      plan: p\n"),
             line: 9, keyPath: "orgs.org_a[0].from", says: "`2026-13` is not a month; write YYYY-MM"),
        Case(rule: "a full date instead of a month", yaml: file(extra: "orgs:\n  org_a:\n    - from: 2026-01-01\n      plan: p\n"),
             line: 9, keyPath: "orgs.org_a[0].from", says: "`2026-01-01` is not a month"),
        Case(rule: "assignments not increasing", yaml: file(extra: "orgs:\n  org_a:\n    - from: 2026-05\n      plan: p\n    - from: 2026-05\n      plan: p\n"),
             line: 11, keyPath: "orgs.org_a[1].from", says: "2026-05 is not after the previous assignment's 2026-05"),
        Case(rule: "an assignment without from", yaml: file(extra: "orgs:\n  org_a:\n    - plan: p\n"),
             line: 9, keyPath: "orgs.org_a[0]", says: "missing from"),
        Case(rule: "unknown mode", yaml: file(plans: "  p:\n    v2:\n      mode: stepped\n      tiers:\n        - unitPrice: 1\n"),
             line: 6, keyPath: "plans.p.v2.mode", says: "unknown mode `stepped`; use graduated"),
        Case(rule: "unknown currency", yaml: "currency: XYZ\nplans:\n  p:\n    v1:\n      unitPrice: 1\n",
             line: 1, keyPath: "currency", says: "unknown currency `XYZ`; use an ISO 4217 code"),
        Case(rule: "lower-case currency", yaml: "currency: eur\nplans:\n  p:\n    v1:\n      unitPrice: 1\n",
             line: 1, keyPath: "currency", says: "must be written in capitals: EUR"),
        Case(rule: "missing currency", yaml: "plans:\n  p:\n    v1:\n      unitPrice: 1\n",
             line: 1, keyPath: "currency", says: "missing"),
        Case(rule: "missing plans", yaml: "currency: USD\n",
             line: 1, keyPath: "plans", says: "missing"),
        Case(rule: "empty plans", yaml: "currency: USD\nplans: {}\n",
             line: 2, keyPath: "plans", says: "no plans are defined"),
        Case(rule: "an empty file", yaml: "# nothing yet\n",
             line: 1, keyPath: "", says: "the file is empty"),
        Case(rule: "a plan with neither v1 nor v2", yaml: file(plans: "  p:\n    v1:\n      unitPrice: 1\n  bare:\n    monthlyMinimum: 5\n"),
             line: 7, keyPath: "plans.bare", says: "the plan prices neither v1 nor v2"),
        Case(rule: "a version with both unitPrice and tiers", yaml: file(plans: "  p:\n    v1:\n      unitPrice: 1\n      tiers:\n        - unitPrice: 1\n"),
             line: 5, keyPath: "plans.p.v1", says: "has both unitPrice and tiers"),
        Case(rule: "a version with no price", yaml: file(plans: "  p:\n    v1:\n      included: 5\n"),
             line: 5, keyPath: "plans.p.v1", says: "has no price"),
        Case(rule: "included not a whole number", yaml: file(plans: "  p:\n    v1:\n      included: 12.5\n      unitPrice: 1\n"),
             line: 6, keyPath: "plans.p.v1.included", says: "`12.5` is not a whole number"),
        Case(rule: "a YAML syntax error", yaml: "currency: USD\nplans:\n  p: [\n    v1\n",
             line: 5, keyPath: "", says: "YAML syntax error"),
        Case(rule: "a YAML indentation error", yaml: "currency: USD\nplans:\n  p:\n    v1:\n      unitPrice: 1\n     included: 2\n",
             line: 6, keyPath: "", says: "YAML syntax error"),
        Case(rule: "a duplicated key", yaml: "currency: USD\ncurrency: EUR\nplans:\n  p:\n    v1:\n      unitPrice: 1\n",
             line: 1, keyPath: "", says: "the key `currency` is written more than once"),
        Case(rule: "the document is a list", yaml: "- currency: USD\n",
             line: 1, keyPath: "", says: "must be a mapping with the keys currency, defaultPlan, orgs, plans"),
        // Dimensions, flat fees and packages (docs/pricing.md).
        Case(rule: "an unknown dimension", yaml: file(plans: "  p:\n    v2:\n      by: size\n      prices:\n        4K:\n          unitPrice: 1\n      default:\n        unitPrice: 1\n"),
             line: 6, keyPath: "plans.p.v2.by", says: "unknown dimension `size`; a version can be priced by resolution, category or aspectRatio"),
        Case(rule: "aspect_ratio written as the column is named", yaml: file(plans: "  p:\n    v2:\n      by: aspect_ratio\n      prices:\n        '16:9':\n          unitPrice: 1\n      default:\n        unitPrice: 1\n"),
             line: 6, keyPath: "plans.p.v2.by", says: "write it aspectRatio"),
        Case(rule: "a dimension without default", yaml: file(plans: "  p:\n    v2:\n      by: resolution\n      prices:\n        4K:\n          unitPrice: 1\n"),
             line: 5, keyPath: "plans.p.v2.default", says: "missing; add `default:` with the pricing of every value not listed under prices and of generations without a resolution"),
        Case(rule: "a dimension without prices", yaml: file(plans: "  p:\n    v2:\n      by: resolution\n      default:\n        unitPrice: 1\n"),
             line: 5, keyPath: "plans.p.v2.prices", says: "missing; list the price of each value"),
        Case(rule: "prices listing no value", yaml: file(plans: "  p:\n    v2:\n      by: resolution\n      prices: {}\n      default:\n        unitPrice: 1\n"),
             line: 7, keyPath: "plans.p.v2.prices", says: "lists no values"),
        Case(rule: "default listed under prices", yaml: file(plans: "  p:\n    v2:\n      by: resolution\n      prices:\n        default:\n          unitPrice: 1\n      default:\n        unitPrice: 1\n"),
             line: 8, keyPath: "plans.p.v2.prices.default", says: "`default` names the pool of every value not listed"),
        Case(rule: "a price beside by", yaml: file(plans: "  p:\n    v2:\n      by: resolution\n      unitPrice: 1\n      prices:\n        4K:\n          unitPrice: 1\n      default:\n        unitPrice: 1\n"),
             line: 7, keyPath: "plans.p.v2.unitPrice", says: "does not go beside `by`"),
        Case(rule: "a dimension inside a value's pricing", yaml: file(plans: "  p:\n    v2:\n      by: resolution\n      prices:\n        4K:\n          by: category\n          unitPrice: 1\n      default:\n        unitPrice: 1\n"),
             line: 9, keyPath: "plans.p.v2.prices.4K.by", says: "a value's pricing cannot be priced by a dimension of its own"),
        Case(rule: "prices without by", yaml: file(plans: "  p:\n    v2:\n      prices:\n        4K:\n          unitPrice: 1\n      default:\n        unitPrice: 1\n"),
             line: 5, keyPath: "plans.p.v2", says: "has prices or default but no `by`"),
        Case(rule: "a value without a price", yaml: file(plans: "  p:\n    v2:\n      by: resolution\n      prices:\n        4K:\n          included: 5\n      default:\n        unitPrice: 1\n"),
             line: 8, keyPath: "plans.p.v2.prices.4K", says: "has no price; add `unitPrice:` (one price per unit), `tiers:` or `package:`"),
        Case(rule: "a package of size 0", yaml: file(plans: "  p:\n    v2:\n      package:\n        size: 0\n        price: 5\n"),
             line: 7, keyPath: "plans.p.v2.package.size", says: "must be at least 1"),
        Case(rule: "a package without price", yaml: file(plans: "  p:\n    v2:\n      package:\n        size: 100\n"),
             line: 6, keyPath: "plans.p.v2.package.price", says: "missing; add `price: P`"),
        Case(rule: "an unknown key in a package", yaml: file(plans: "  p:\n    v2:\n      package:\n        size: 100\n        price: 5\n        per: month\n"),
             line: 9, keyPath: "plans.p.v2.package.per", says: "the keys allowed here are price, size"),
        Case(rule: "a package and tiers", yaml: file(plans: "  p:\n    v2:\n      package:\n        size: 100\n        price: 5\n      tiers:\n        - unitPrice: 1\n"),
             line: 5, keyPath: "plans.p.v2", says: "has both tiers and package"),
        Case(rule: "mode with a package", yaml: file(plans: "  p:\n    v2:\n      mode: volume\n      package:\n        size: 100\n        price: 5\n"),
             line: 6, keyPath: "plans.p.v2.mode", says: "applies to tiers only"),
        Case(rule: "a negative flat fee", yaml: file(plans: "  p:\n    v2:\n      tiers:\n        - upTo: 5\n          unitPrice: 1\n          flatFee: -10\n        - unitPrice: 1\n"),
             line: 9, keyPath: "plans.p.v2.tiers[0].flatFee", says: "-10 is negative"),
        Case(rule: "a flat fee with too many decimals", yaml: file(plans: "  p:\n    v2:\n      tiers:\n        - unitPrice: 1\n          flatFee: 0.1234567\n"),
             line: 8, keyPath: "plans.p.v2.tiers[0].flatFee", says: "has 7 decimals"),
    ]

    @Test(arguments: cases)
    func eachProblemNamesItsLineAndKeyPath(_ testCase: Case) throws {
        let problems = BillingFixtures.problems(testCase.yaml)
        #expect(problems.count == 1, "\(problems)")
        let problem = try #require(problems.first)
        #expect(problem.file == "pricing.yaml")
        #expect(problem.line == testCase.line)
        #expect(problem.keyPath == testCase.keyPath)
        #expect(problem.message.contains(testCase.says), "\(problem.message)")
    }

    @Test func allProblemsAreReportedInOnePassInLineOrder() throws {
        let yaml = """
            currency: usd
            defaultPlan: premium
            plans:
              p:
                v1:
                  unitPrice: -1
                v2:
                  tiers:
                    - upTo: 10
                      unitPrice: 1
                    - upTo: 20
                      unitPrice: 0.1234567
            orgs:
              org_a:
                - from: 2026-13
                  plan: p
            """
        let problems = BillingFixtures.problems(yaml)
        #expect(problems.map(\.line) == [1, 2, 6, 11, 12, 15])
        #expect(problems.map(\.keyPath) == [
            "currency", "defaultPlan", "plans.p.v1.unitPrice", "plans.p.v2.tiers[1].upTo", "plans.p.v2.tiers[1].unitPrice", "orgs.org_a[0].from",
        ])
    }

    @Test func aProblemReadsAsFileLineKeyPathMessage() throws {
        let problem = PricingProblem(file: "pricing.yaml", line: 12, keyPath: "plans.growth.v2.tiers[1].upTo",
                                     message: "the last tier must not have upTo; it covers every unit above the previous tier")
        #expect(problem.description == "pricing.yaml:12: plans.growth.v2.tiers[1].upTo: the last tier must not have upTo; it covers every unit above the previous tier")
        #expect(PricingProblem(file: "p.yaml", line: nil, keyPath: "", message: "m").description == "p.yaml: m")
    }

    @Test func aMissingFileIsAProblemNamingThePath() throws {
        let error = try #require(throws: PricingError.self) { try PricingRules.load(path: "/nonexistent/pricing.yaml") }
        #expect(error.problems.count == 1)
        #expect(error.description == "/nonexistent/pricing.yaml: the folder /nonexistent does not exist; check the path")
    }
}
