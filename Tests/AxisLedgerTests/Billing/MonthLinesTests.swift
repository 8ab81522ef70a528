import Foundation
import Testing
@testable import AxisLedger

/// The lines after usage (issue 16 items 4–6): a plan's `monthlyFee` and
/// `monthlyMaximum`, an org's `discounts`, and the fixed order of a statement.
struct MonthLinesTests {
    private static func dec(_ text: String) -> Decimal { BillingFixtures.decimal(text) }

    /// v1 at 1.00 a unit, so N units are N.00 of usage; plan `p` carries the
    /// month-level keys given, org_a is on it with the discounts given.
    static func rules(plan: String = "", discounts: String? = nil, defaultPlan: String = "p") throws -> PricingRules {
        var yaml = "currency: USD\ndefaultPlan: \(defaultPlan)\nplans:\n  p:\n\(plan)    v1:\n      unitPrice: 1.00\n    v2:\n      unitPrice: 0.05\n"
        yaml += "  plain:\n    v1:\n      unitPrice: 1.00\n"
        if let discounts {
            yaml += "orgs:\n  org_a:\n    plan: p\n    discounts:\n" + discounts
        }
        return try BillingFixtures.rules(yaml)
    }

    static func rate(_ rules: PricingRules, org: String = "org_a", month: String = "2026-10", _ quantities: [APIVersion: Int]) throws -> Statement {
        try Rater(rules: rules).statement(month: month, orgId: org, quantities: quantities)
    }

    // MARK: - The published examples

    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var discounts: String
        var amounts: [String]
        var total: String
        var testDescription: String { name }
    }

    /// Issue 16 item 6: on 200.00, 10% then 25.00 gives −20.00, −25.00 (155.00);
    /// 25.00 then 10% gives −25.00, −17.50 (157.50).
    static let examples: [Example] = [
        Example(name: "10% then 25.00 on 200.00", discounts: "      - percent: 10\n        from: 2026-10\n        until: 2026-12\n      - amount: 25.00\n        from: 2026-10\n",
                amounts: ["-20.00", "-25.00"], total: "155.00"),
        Example(name: "25.00 then 10% on 200.00", discounts: "      - amount: 25.00\n        from: 2026-10\n      - percent: 10\n        from: 2026-10\n        until: 2026-12\n",
                amounts: ["-25.00", "-17.50"], total: "157.50"),
        Example(name: "the flow form of the issue", discounts: "      - {percent: 10, from: 2026-10, until: 2026-12}\n      - {amount: 25.00, from: 2026-10}\n",
                amounts: ["-20.00", "-25.00"], total: "155.00"),
    ]

    @Test(arguments: examples)
    func discountsApplyOneAfterTheOtherEachToWhatThePreviousLeft(_ example: Example) throws {
        let statement = try Self.rate(try Self.rules(discounts: example.discounts), [.v1: 200])
        #expect(statement.subtotal == 200)
        #expect(statement.linesOf(.discount).map(\.amount) == example.amounts.map(Self.dec))
        #expect(statement.total == Self.dec(example.total))
        #expect(statement.lines.last?.amount == Self.dec(example.total))
        #expect(statement.lines.map(\.kind) == [.usage, .discount, .discount, .total])
    }

    @Test func discountLinesSayWhatTheyTakeAndWhen() throws {
        let statement = try Self.rate(try Self.rules(discounts: Self.examples[0].discounts), [.v1: 200])
        #expect(statement.linesOf(.discount).map(\.description) == [
            "discount 10% (2026-10 to 2026-12) of 200.00", "discount 25.00 (from 2026-10 on)",
        ])
        #expect(statement.linesOf(.discount).allSatisfy { $0.quantity == 0 && $0.unitPrice == nil && $0.version == nil })
    }

    // MARK: - Discounts

    @Test(arguments: [("2026-09", false), ("2026-10", true), ("2026-11", true), ("2026-12", true), ("2027-01", false)])
    func fromAndUntilAreInclusiveMonths(month: String, applies: Bool) throws {
        let rules = try Self.rules(discounts: "      - percent: 10\n        from: 2026-10\n        until: 2026-12\n")
        let statement = try Self.rate(rules, month: month, [.v1: 50])
        #expect(statement.total == (applies ? Self.dec("45.00") : 50))
        #expect(statement.linesOf(.discount).count == (applies ? 1 : 0))
    }

    @Test func aDiscountWithoutUntilIsOpenEnded() throws {
        let rules = try Self.rules(discounts: "      - amount: 5.00\n        from: 2026-10\n")
        #expect(try Self.rate(rules, month: "2031-07", [.v1: 50]).total == 45)
        #expect(try Self.rate(rules, month: "2026-09", [.v1: 50]).total == 50)
    }

    @Test func aDiscountNeverTakesTheAmountBelowZero() throws {
        let rules = try Self.rules(discounts: "      - amount: 500.00\n        from: 2026-10\n      - percent: 10\n        from: 2026-10\n")
        let statement = try Self.rate(rules, [.v1: 200])
        #expect(statement.linesOf(.discount).map(\.amount) == [Self.dec("-200.00"), 0])
        #expect(statement.linesOf(.discount).map(\.description) == [
            "discount 500.00 (from 2026-10 on), limited to the 200.00 left", "discount 10% (from 2026-10 on) of 0.00",
        ])
        #expect(statement.total == 0)
    }

    @Test func aHundredPercentDiscountLeavesZero() throws {
        let rules = try Self.rules(plan: "    monthlyFee: 30.00\n", discounts: "      - percent: 100\n        from: 2026-10\n")
        let statement = try Self.rate(rules, [.v1: 7])
        #expect(statement.linesOf(.discount).map(\.amount) == [Self.dec("-37.00")])
        #expect(statement.total == 0)
    }

    /// A percentage of what is left is rounded half up once, to the cent.
    @Test(arguments: [
        ("10", 1, "-0.01"),      // 10% of 0.05 = 0.005 → 0.01
        ("15", 2, "-0.02"),      // 15% of 0.10 = 0.015 → 0.02
        ("12.5", 3, "-0.02"),    // 12.5% of 0.15 = 0.01875 → 0.02
        ("33.3333", 20, "-0.33"), // 33.3333% of 1.00 = 0.333333 → 0.33
        ("1", 9, "0.00"),        // 1% of 0.45 = 0.0045 → 0.00
    ])
    func aPercentageIsRoundedHalfUpOnce(percent: String, v2Units: Int, amount: String) throws {
        let rules = try Self.rules(discounts: "      - percent: \(percent)\n        from: 2026-10\n")
        let statement = try Self.rate(rules, [.v2: v2Units])
        let line = try #require(statement.linesOf(.discount).first)
        #expect(line.amount == Self.dec(amount))
        #expect(statement.total == statement.subtotal + line.amount)
    }

    @Test func anOrgOnTheDefaultPlanHasNoDiscounts() throws {
        let rules = try Self.rules(discounts: "      - percent: 50\n        from: 2026-10\n")
        #expect(try Self.rate(rules, org: "org_other", [.v1: 10]).total == 10)
    }

    // MARK: - Fee

    @Test func theFeeIsOneLineNotCountedTowardTheMinimum() throws {
        // usage 30.00 below the 100.00 minimum: top-up 70.00, then the fee 50.00 on top.
        let rules = try Self.rules(plan: "    monthlyMinimum: 100.00\n    monthlyFee: 50.00\n")
        let statement = try Self.rate(rules, [.v1: 30])
        #expect(statement.lines.map(\.kind) == [.usage, .minimum, .fee, .total])
        #expect(statement.lines.map(\.amount) == [30, 70, 50, 150])
        #expect(statement.linesOf(.fee).first?.description == "monthly fee of plan p")
        #expect(statement.minimumTopUp == 70)
        #expect(statement.subtotal == 30)
    }

    @Test func aListedOrgPaysTheFeeInAMonthWithoutUsage() throws {
        let rules = try Self.rules(plan: "    monthlyFee: 19.99\n", discounts: "      - amount: 5.00\n        from: 2027-01\n")
        let statement = try Self.rate(rules, [:])
        #expect(statement.lines.map(\.kind) == [.fee, .total])
        #expect(statement.total == Self.dec("19.99"))
        #expect(statement.lines.last?.quantity == 0)
    }

    /// Issue 16 item 4: a listed org gets the fee every month its plan is in
    /// force; an org on the default plan only in a month it has records.
    @Test func whoGetsAFeeLine() throws {
        let rules = try Self.rules(plan: "    monthlyFee: 10.00\n", discounts: "      - amount: 1.00\n        from: 2026-10\n")
        let usage = [MonthData.Usage(orgId: "org_busy", version: .v1, generations: 2)]
        // org_failed has records (a failed request) but no billed generation; org_silent has none.
        let statements = try MonthReportBuilder.statements(month: "2026-10", rules: rules, usage: usage, activeOrgs: ["org_busy", "org_failed"])
        #expect(statements.map(\.orgId) == ["org_a", "org_busy", "org_failed"])
        #expect(statements.map { $0.amount(of: .fee) } == [10, 10, 10])
        #expect(statements.map(\.total) == [9, 12, 10])
    }

    @Test func theFeeIsThatOfThePlanInForceEachMonth() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            plans:
              basic:
                monthlyFee: 10.00
                v1:
                  unitPrice: 0.04
              pro:
                monthlyFee: 30.00
                v1:
                  unitPrice: 0.03
            orgs:
              org_a:
                - from: 2026-01
                  plan: basic
                - from: 2026-11
                  plan: pro
            """)
        let fees = try ["2026-10", "2026-11"].map { month in
            try MonthReportBuilder.statements(month: month, rules: rules, usage: [], activeOrgs: []).map { $0.amount(of: .fee) }
        }
        #expect(fees == [[10], [30]])
        // Before its first assignment, with no default plan, org_a has no plan and no statement: no fee.
        #expect(try MonthReportBuilder.statements(month: "2025-12", rules: rules, usage: [], activeOrgs: []).isEmpty)
    }

    // MARK: - Cap

    @Test(arguments: [(150, "-50.00", "120.00"), (100, nil, "120.00"), (99, nil, "119.00"), (1, nil, "21.00")])
    func theCapLimitsUsageButNotTheFee(units: Int, cap: String?, total: String) throws {
        let rules = try Self.rules(plan: "    monthlyMaximum: 100.00\n    monthlyFee: 20.00\n")
        let statement = try Self.rate(rules, [.v1: units])
        #expect(statement.linesOf(.cap).map(\.amount) == (cap.map { [Self.dec($0)] } ?? []))
        #expect(statement.total == Self.dec(total))
        #expect(statement.subtotal == Decimal(units), "the subtotal stays the usage lines' sum")
    }

    @Test func theCapLineSaysWhatWasCapped() throws {
        let rules = try Self.rules(plan: "    monthlyMaximum: 100.00\n")
        let line = try #require(try Self.rate(rules, [.v1: 150, .v2: 3]).linesOf(.cap).first)
        #expect(line.description == "monthly maximum 100.00: usage of 150.15 capped")
        #expect(line.amount == Self.dec("-50.15"))
        #expect(line.quantity == 0 && line.version == nil && line.unitPrice == nil)
    }

    @Test func aMinimumEqualToTheMaximumFixesTheUsageAmount() throws {
        let rules = try Self.rules(plan: "    monthlyMinimum: 80.00\n    monthlyMaximum: 80.00\n")
        #expect(try Self.rate(rules, [.v1: 10]).total == 80)
        #expect(try Self.rate(rules, [.v1: 300]).total == 80)
        #expect(try Self.rate(rules, [.v1: 80]).lines.map(\.kind) == [.usage, .total])
    }

    /// docs/pricing.md, "Caps": plan scale (minimum 500.00, maximum 2000.00, fee 99.00, v2 at 0.10).
    @Test(arguments: [(3000, "minimum", "200.00", "599.00"), (12000, nil, nil, "1299.00"), (23456, "cap", "-345.60", "2099.00")])
    func theDocumentedCapsTable(units: Int, kind: String?, amount: String?, total: String) throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            defaultPlan: scale
            plans:
              scale:
                monthlyMinimum: 500.00
                monthlyMaximum: 2000.00
                monthlyFee: 99.00
                v2:
                  unitPrice: 0.10
            """)
        let statement = try Self.rate(rules, org: "org_x", [.v2: units])
        let between = statement.lines.filter { $0.kind == .minimum || $0.kind == .cap }
        #expect(between.map(\.kind.rawValue) == (kind.map { [$0] } ?? []))
        #expect(between.map(\.amount) == (amount.map { [Self.dec($0)] } ?? []))
        #expect(statement.amount(of: .fee) == 99)
        #expect(statement.total == Self.dec(total))
    }

    /// docs/pricing.md, "Statements": the example with a cap, a fee and two discounts.
    @Test func theDocumentedStatementWithACapAFeeAndTwoDiscounts() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            plans:
              scale:
                monthlyMinimum: 1.00
                monthlyMaximum: 2.00
                monthlyFee: 10.00
                v2:
                  unitPrice: 0.50
            orgs:
              org_acme:
                plan: scale
                discounts: [{percent: 10, from: 2026-10, until: 2026-12}, {amount: 2.50, from: 2026-10}]
            """)
        let statement = try Self.rate(rules, org: "org_acme", [.v2: 6])
        #expect(statement.lines.map(\.description) == [
            "v2 6 units at 0.50", "monthly maximum 2.00: usage of 3.00 capped", "monthly fee of plan scale",
            "discount 10% (2026-10 to 2026-12) of 12.00", "discount 2.50 (from 2026-10 on)", "total",
        ])
        #expect(statement.lines.map(\.kind) == [.usage, .cap, .fee, .discount, .discount, .total])
        #expect(statement.lines.map(\.quantity) == [6, 0, 0, 0, 0, 6])
        #expect(statement.lines.map(\.amount) == ["3.00", "-1.00", "10.00", "-1.20", "-2.50", "8.30"].map(Self.dec))
    }

    // MARK: - The fixed order

    @Test func everyKindOfLineInTheFixedOrder() throws {
        // usage 150.00 → cap −50.00 → fee 20.00 → 10% of 120.00 = −12.00, then 8.00 → total 100.00.
        let rules = try Self.rules(plan: "    monthlyMinimum: 10.00\n    monthlyMaximum: 100.00\n    monthlyFee: 20.00\n",
                                   discounts: "      - percent: 10\n        from: 2026-10\n      - amount: 8.00\n        from: 2026-10\n")
        let statement = try Self.rate(rules, [.v1: 150])
        #expect(statement.lines.map(\.kind) == [.usage, .cap, .fee, .discount, .discount, .total])
        #expect(statement.lines.map(\.amount) == [150, -50, 20, -12, -8, 100])
        #expect(statement.orgLevelAmount == -50)
        #expect(statement.subtotal + statement.orgLevelAmount == statement.total)
        #expect(statement.ownTotal == 100)
    }

    @Test func adjustmentsComeAfterTheDiscountsAndAreNotDiscounted() throws {
        let rules = try Self.rules(plan: "    monthlyFee: 20.00\n", discounts: "      - percent: 50\n        from: 2026-10\n")
        let statement = try Self.rate(rules, [.v1: 20])
        let adjustment = Adjustment(adjustsMonth: "2026-09", orgId: "org_a", generations: [.v1: 4], amount: 4)
        let adjusted = statement.adding(adjustments: [adjustment.line])
        #expect(adjusted.lines.map(\.kind) == [.usage, .fee, .discount, .adjustment, .total])
        #expect(adjusted.total == 24, "20.00 usage + 20.00 fee − 50% = 20.00, plus the 4.00 adjustment")
        #expect(adjusted.ownTotal == 20)
    }

    @Test func theKindsAreDeclaredInTheStatementsOrder() {
        let order: [InvoiceLine.Kind] = [.usage, .minimum, .cap, .fee, .discount, .adjustment, .total]
        #expect(order.map(\.rawValue) == ["usage", "minimum", "cap", "fee", "discount", "adjustment", "total"])
    }

    // MARK: - Existing files

    @Test func aPlanWithoutTheNewKeysRatesAsBefore() throws {
        let statement = try Self.rate(try Self.rules(defaultPlan: "plain"), org: "org_x", [.v1: 12])
        #expect(statement.lines.map(\.kind) == [.usage, .total])
        #expect(statement.total == 12)
    }
}
