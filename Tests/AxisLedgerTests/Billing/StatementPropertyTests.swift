import Foundation
import Testing
@testable import AxisLedger

/// Issue 16's property test: for random quantities and random plans
/// (minimum, maximum, fee, tiers, included units) and random org terms
/// (discounts), every statement's lines sum to its total, each line is
/// rounded half up once, the total is never negative, the lines come in the
/// fixed order, and every line is a row of invoice_lines.csv.
///
/// To add a kind of org term (credits): give ``RandomPricing`` a generator
/// that appends its YAML under the org (``RandomPricing/orgTerms``), and add
/// its kind's rule to ``checkEachLineIsRoundedOnce(_:plan:discounts:)`` (the
/// switch there is exhaustive, so a new kind does not compile until it has one).
struct StatementPropertyTests {
    /// A small seeded generator (SplitMix64), so a failure is reproducible from its seed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 { SampleRandom.splitMix(&state) }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }
        /// A decimal as text with `decimals` digits after the point, from 0 to `whole`.99…
        mutating func decimalText(whole: Int, decimals: Int) -> String {
            let integer = String(int(0...whole))
            guard decimals > 0 else { return integer }
            return integer + "." + (0..<decimals).map { _ in String(int(0...9)) }.joined()
        }
    }

    /// A random pricing file (one plan `p`, org_a on it) as YAML text, so the parser is part of what is tested.
    struct RandomPricing {
        var yaml: String
        var month: String

        static func make(_ g: inout Generator) -> RandomPricing {
            var plan = ""
            let minimum = g.chance(50) ? g.int(0...40_000) : nil          // in cents
            var maximum = g.chance(50) ? g.int(0...60_000) : nil
            if let low = minimum, let high = maximum, high < low { maximum = low + (high % 5_000) }
            if let minimum { plan += "    monthlyMinimum: \(cents(minimum))\n" }
            if let maximum { plan += "    monthlyMaximum: \(cents(maximum))\n" }
            if g.chance(50) { plan += "    monthlyFee: \(cents(g.int(0...20_000)))\n" }
            plan += "    v1:\n      included: \(g.chance(50) ? g.int(0...500) : 0)\n      unitPrice: \(g.decimalText(whole: g.int(0...1), decimals: g.int(0...6)))\n"
            plan += "    v2:\n      mode: \(g.chance(50) ? "graduated" : "volume")\n      tiers:\n"
            var upTo = 0
            for _ in 0..<g.int(0...3) {
                upTo += g.int(1...2_000)
                plan += "        - upTo: \(upTo)\n          unitPrice: \(g.decimalText(whole: 0, decimals: g.int(1...6)))\n"
            }
            plan += "        - unitPrice: \(g.decimalText(whole: 0, decimals: g.int(1...6)))\n"
            let month = "2026-\(String(format: "%02d", g.int(1...12)))"
            var yaml = "currency: USD\nplans:\n  p:\n" + plan + "orgs:\n  org_a:\n    plan: p\n"
            yaml += orgTerms(&g)
            return RandomPricing(yaml: yaml, month: month)
        }

        /// The org's terms besides its plan: today its discounts (credits add theirs here).
        static func orgTerms(_ g: inout Generator) -> String {
            discounts(&g)
        }

        static func discounts(_ g: inout Generator) -> String {
            let count = g.int(0...3)
            guard count > 0 else { return "" }
            var yaml = "    discounts:\n"
            for _ in 0..<count {
                if g.chance(50) {
                    yaml += "      - percent: \(max(1, g.int(0...100)))\(g.chance(30) ? ".\(g.int(0...9999))" : "")\n".replacingOccurrences(of: "100.", with: "99.")
                } else {
                    yaml += "      - amount: \(cents(g.int(1...50_000)))\n"
                }
                let from = g.int(1...12), until = g.int(from...12)
                yaml += "        from: 2026-\(String(format: "%02d", from))\n"
                if g.chance(70) { yaml += "        until: 2026-\(String(format: "%02d", until))\n" }
            }
            return yaml
        }

        static func cents(_ value: Int) -> String { "\(value / 100).\(String(format: "%02d", value % 100))" }
    }

    static let seeds: [UInt64] = Array(1...400)

    /// The random pricing of `seed`, its rules and org_a's statement for random quantities.
    static func rated(seed: UInt64) throws -> (pricing: RandomPricing, rules: PricingRules, statement: AxisLedger.Statement) {
        var g = Generator(state: seed)
        let pricing = RandomPricing.make(&g)
        let rules = try PricingRules.parse(yaml: pricing.yaml, fileName: "random.yaml")
        var quantities: [APIVersion: Int] = [:]
        for version in APIVersion.allCases where g.chance(75) { quantities[version] = g.int(0...g.int(1...20_000)) }
        return (pricing, rules, try Rater(rules: rules).statement(month: pricing.month, orgId: "org_a", quantities: quantities))
    }

    /// The random cases are not vacuous: they reach every kind of line, a
    /// discount stopped at zero, a zero total and a cap with a fee.
    @Test func theRandomCasesReachEveryKindOfLineAndTheEdges() throws {
        var kinds = Set<String>()
        var limited = 0, zeroTotals = 0, cappedWithFee = 0, severalDiscounts = 0
        for seed in Self.seeds {
            let statement = try Self.rated(seed: seed).statement
            kinds.formUnion(statement.lines.map(\.kind.rawValue))
            if statement.lines.contains(where: { $0.description.contains("limited to") }) { limited += 1 }
            if statement.total == 0 { zeroTotals += 1 }
            if statement.amount(of: .cap) < 0 && statement.amount(of: .fee) > 0 { cappedWithFee += 1 }
            if statement.linesOf(.discount).count >= 2 { severalDiscounts += 1 }
        }
        #expect(kinds == ["usage", "minimum", "cap", "fee", "discount", "total"])
        #expect(limited >= 5 && zeroTotals >= 5 && cappedWithFee >= 5 && severalDiscounts >= 5,
                "limited \(limited), zero totals \(zeroTotals), capped with a fee \(cappedWithFee), several discounts \(severalDiscounts)")
    }

    @Test(arguments: seeds)
    func everyStatementAddsUpIsRoundedOnceNeverNegativeAndIsInInvoiceLines(seed: UInt64) throws {
        let (pricing, rules, statement) = try Self.rated(seed: seed)
        let plan = try #require(rules.plans["p"])

        // The lines sum to the total; the total line carries it.
        let charges = statement.lines.filter { $0.kind != .total }
        #expect(charges.reduce(Decimal(0)) { $0 + $1.amount } == statement.total, "seed \(seed)\n\(pricing.yaml)")
        #expect(statement.lines.last?.kind == .total && statement.lines.last?.amount == statement.total)
        #expect(statement.lines.filter { $0.kind == .total }.count == 1)
        // No combination of minimum, cap, fee and discounts gives a negative total.
        #expect(statement.total >= 0, "seed \(seed): total \(statement.total)\n\(pricing.yaml)")
        // Usage after the minimum or cap lies between them.
        let usage = statement.subtotal + statement.amount(of: .minimum) + statement.amount(of: .cap)
        if let minimum = plan.monthlyMinimum { #expect(usage >= minimum, "seed \(seed)") }
        if let maximum = plan.monthlyMaximum { #expect(usage <= maximum, "seed \(seed)") }
        #expect(statement.amount(of: .fee) == (plan.monthlyFee ?? 0))
        // The fixed order.
        let order: [InvoiceLine.Kind] = [.usage, .minimum, .cap, .fee, .discount, .credit, .adjustment, .total]
        let ranks = statement.lines.map { order.firstIndex(of: $0.kind) ?? -1 }
        #expect(ranks == ranks.sorted() && !ranks.contains(-1), "seed \(seed): \(statement.lines.map(\.kind))")

        checkEachLineIsRoundedOnce(statement, plan: plan, discounts: rules.discounts(forOrg: "org_a").filter { $0.applies(in: pricing.month) })
        try checkEveryLineIsARowOfInvoiceLines(statement, rules: rules, seed: seed)
    }

    /// Each line's amount is its exact value rounded half up to the cent once:
    /// a usage line is `quantity × unitPrice` rounded, a minimum or cap the
    /// exact difference to the usage subtotal, a fee the plan's, a discount
    /// its rounded share of what the lines before it left (never more).
    func checkEachLineIsRoundedOnce(_ statement: AxisLedger.Statement, plan: Plan, discounts: [Discount]) {
        let usd = Currency(code: "USD", minorUnitDigits: 2)
        var left = Decimal(0)
        var discountIndex = 0
        for line in statement.lines {
            #expect(MoneyRounding.halfUp(line.amount, digits: 2) == line.amount, "\(line.description): \(line.amount) has more than 2 decimals")
            switch line.kind {
            case .usage:
                #expect(line.amount == MoneyRounding.halfUp(Decimal(line.quantity) * (line.unitPrice ?? 0), digits: 2), "\(line.description)")
            case .minimum:
                #expect(line.amount == (plan.monthlyMinimum ?? 0) - statement.subtotal && line.amount > 0)
            case .cap:
                #expect(line.amount == (plan.monthlyMaximum ?? 0) - statement.subtotal && line.amount < 0)
            case .fee:
                #expect(line.amount == plan.monthlyFee)
            case .discount:
                guard discountIndex < discounts.count else {
                    Issue.record("more discount lines than discounts in force: \(line.description)")
                    break
                }
                let wanted: Decimal
                switch discounts[discountIndex].value {
                case .percent(let percent): wanted = MoneyRounding.halfUp(max(left, 0) * percent / 100, digits: 2)
                case .amount(let amount): wanted = amount
                }
                #expect(line.amount == 0 - min(wanted, max(left, 0)), "\(line.description) on \(left)")
                #expect(discounts[discountIndex].reduction(of: left, currency: usd) == 0 - line.amount)
                discountIndex += 1
            case .credit:
                Issue.record("these plans grant no credits (CreditStatementPropertyTests covers them): \(line.description)")
            case .adjustment:
                Issue.record("a statement rated on its own has no adjustment: \(line.description)")
            case .total:
                #expect(line.amount == left)
            }
            if line.kind != .total { left += line.amount }
            #expect(left >= 0, "the amount went below zero after \(line.description)")
        }
        #expect(discountIndex == discounts.count, "one discount line per discount in force")
    }

    /// invoice_lines.csv has exactly the statement's lines, in order, with the same values as printed.
    func checkEveryLineIsARowOfInvoiceLines(_ statement: AxisLedger.Statement, rules: PricingRules, seed: UInt64) throws {
        let report = MonthReport(data: ReportJSONTests.emptyMonth(statement.month),
                                 pricing: MonthReport.Pricing(rules: rules, statements: [statement], sha256: ""))
        let rows = try CSVTestReader.records(ReportCSV.invoiceLines(report))
        let money = MoneyFormatter()
        #expect(rows.count == statement.lines.count, "seed \(seed)")
        for (row, line) in zip(rows, statement.lines) {
            #expect(row["line"] == line.kind.rawValue)
            #expect(row["version"] == (line.version?.rawValue ?? ""))
            #expect(row["description"] == line.description)
            #expect(row["quantity"] == String(line.quantity))
            #expect(row["unit_price"] == (line.unitPrice.map { money.formatUnitPrice($0, currency: rules.currency) } ?? ""))
            #expect(row["amount"] == money.format(line.amount, currency: rules.currency))
            #expect(row["org_id"] == "org_a" && row["plan"] == "p" && row["month"] == statement.month)
        }
    }
}
