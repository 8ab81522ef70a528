import Foundation
import Testing
@testable import AxisLedger

/// Issue 16, item 7: prepaid credits drawn down month by month, the rules
/// of docs/pricing.md "Prepaid credits", on the pure ledger of grants.
struct CreditLedgerTests {
    static func d(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }
    static let usd = Currency(code: "USD", minorUnitDigits: 2)

    static func grant(_ granted: String, _ amount: String, expires: String? = nil, position: Int) -> CreditGrant {
        CreditGrant(granted: granted, amount: d(amount), expires: expires, position: position)
    }

    /// docs/pricing.md's worked example: 600.00 granted 2026-10 expiring
    /// 2026-11, listed after 100.00 granted 2026-11 that never expires.
    static let example = [grant("2026-11", "100.00", position: 0), grant("2026-10", "600.00", expires: "2026-11", position: 1)]

    struct Month: Sendable, CustomTestStringConvertible {
        var month: String
        var due: String
        /// (granted, used) per credit line, in line order.
        var lines: [String]
        var total: String
        /// Remaining per grant in force, in draw order.
        var remaining: [String]
        var lapsed: [String]
        var testDescription: String { month }
    }

    /// The worked example's table, month by month, each row from the state the previous left.
    static let workedExample: [Month] = [
        Month(month: "2026-10", due: "250.00", lines: ["2026-10 250"], total: "0", remaining: ["350"], lapsed: []),
        Month(month: "2026-11", due: "320.00", lines: ["2026-10 320"], total: "0", remaining: ["30", "100"], lapsed: []),
        Month(month: "2026-12", due: "250.00", lines: ["2026-11 100"], total: "150", remaining: ["0"], lapsed: ["2026-10 30"]),
        Month(month: "2027-01", due: "250.00", lines: [], total: "250", remaining: ["0"], lapsed: []),
    ]

    @Test func theWorkedExampleOfDocsPricingMonthByMonth() throws {
        var ledger = CreditLedger(grants: Self.example)
        for row in Self.workedExample {
            let month = ledger.draw(month: row.month, due: Self.d(row.due))
            let used = month.balances.filter { $0.used > 0 }.map { "\($0.grant.granted) \($0.used)" }
            #expect(used == row.lines, "\(row.month)")
            #expect(Self.d(row.due) - month.used == Self.d(row.total), "\(row.month)")
            let inForce = month.balances.filter { $0.grant.isInForce(in: row.month) }
            #expect(inForce.map { "\($0.remaining)" } == row.remaining, "\(row.month)")
            #expect(month.balances.filter { $0.lapsed > 0 }.map { "\($0.grant.granted) \($0.lapsed)" } == row.lapsed, "\(row.month)")
            #expect(month.lines(currency: Self.usd).map(\.amount) == month.balances.filter { $0.used > 0 }.map { -$0.used })
        }
    }

    /// The issue's own example, `credits: [{granted: 2026-10, amount: 500.00, expires: 2027-09}]`,
    /// written in flow form under an org, with 45.00 due every month: (month, used, remaining, lapsed).
    static let issueExample: [(String, String, String, String)] = [
        ("2026-10", "45.00", "455.00", "0"), ("2026-11", "45.00", "410.00", "0"), ("2027-06", "45.00", "95.00", "0"),
        ("2027-07", "45.00", "50.00", "0"), ("2027-08", "45.00", "5.00", "0"), ("2027-09", "5.00", "0", "0"), ("2027-10", "0", "0", "0"),
    ]

    @Test func theIssuesPublishedExampleParsesAndDrawsDown() throws {
        let rules = try PricingRules.parse(yaml: """
            currency: USD
            plans:
              growth:
                v1:
                  unitPrice: 0.04
            orgs:
              org_acme: {plan: growth, credits: [{granted: 2026-10, amount: 500.00, expires: 2027-09}]}
            """, fileName: "pricing.yaml")
        let grants = rules.creditGrants(forOrg: "org_acme")
        #expect(grants.map(\.granted) == ["2026-10"])
        #expect(grants.map(\.amount) == [Self.d("500.00")])
        #expect(grants.map(\.expires) == ["2027-09"])
        var ledger = CreditLedger(grants: rules.creditGrants(forOrg: "org_acme"))
        let expected = Dictionary(uniqueKeysWithValues: Self.issueExample.map { ($0.0, $0) })
        for month in CreditMonthText.range(from: "2026-10", through: "2027-10") {
            let result = ledger.draw(month: month, due: Self.d("45.00"))
            guard let row = expected[month] else { continue }
            #expect(result.used == Self.d(row.1), "\(month)")
            #expect(result.remaining == Self.d(row.2), "\(month)")
            #expect(result.balances.reduce(Decimal(0)) { $0 + $1.lapsed } == Self.d(row.3), "\(month)")
        }
        // Nothing is left to lapse: 500.00 is used up in 2027-09, the grant's last month.
        #expect(ledger.remainders == [0])
    }

    @Test func aGrantWithMoneyLeftLapsesInTheMonthAfterExpiresExactly() throws {
        var ledger = CreditLedger(grants: [CreditGrant(granted: "2026-10", amount: Self.d("500.00"), expires: "2027-09")])
        var lapsedIn: [String: Decimal] = [:]
        for month in CreditMonthText.range(from: "2026-10", through: "2027-12") {
            let result = ledger.draw(month: month, due: Self.d("40.00"))
            for balance in result.balances where balance.lapsed > 0 { lapsedIn[month] = balance.lapsed }
        }
        // Twelve months of 40.00 (2026-10 to 2027-09) use 480.00; 20.00 lapses in 2027-10, and only then.
        #expect(lapsedIn == ["2027-10": Self.d("20.00")])
    }

    @Test func grantsAreDrawnEarliestExpiryFirstThenEarliestGrantedThenAsListed() throws {
        let grants = [
            Self.grant("2026-01", "10", position: 0),                      // never expires: last
            Self.grant("2026-06", "10", expires: "2026-12", position: 1),  // same expiry, granted later
            Self.grant("2026-03", "10", expires: "2026-12", position: 2),  // same expiry and granted: listed first of the two
            Self.grant("2026-03", "10", expires: "2026-12", position: 3),
            Self.grant("2026-02", "10", expires: "2027-06", position: 4),  // later expiry
        ]
        #expect(grants.sorted(by: CreditGrant.drawsBefore).map(\.position) == [2, 3, 1, 4, 0])
        var ledger = CreditLedger(grants: grants)
        let month = ledger.draw(month: "2026-07", due: Self.d("35"))
        #expect(month.balances.map(\.grant.position) == [2, 3, 1, 4, 0])
        #expect(month.balances.map(\.used) == [10, 10, 10, 5, 0].map { Decimal($0) })
        #expect(month.lines(currency: Self.usd).count == 4)
    }

    @Test func aGrantNotYetGrantedOrAlreadyExpiredPaysNothing() throws {
        var ledger = CreditLedger(grants: [Self.grant("2026-11", "50", expires: "2026-11", position: 0)])
        let october = ledger.draw(month: "2026-10", due: Self.d("20"))
        #expect(october.balances.isEmpty)
        #expect(october.used == 0)
        let november = ledger.draw(month: "2026-11", due: Self.d("20"))
        #expect(november.used == Self.d("20"))
        let december = ledger.draw(month: "2026-12", due: Self.d("20"))
        #expect(december.used == 0)
        #expect(december.balances.map(\.lapsed) == [Self.d("30")])
    }

    @Test func anExpiredRemainderLapsesOnceInTheMonthAfterExpires() throws {
        var ledger = CreditLedger(grants: [Self.grant("2026-10", "100.00", expires: "2026-10", position: 0)])
        _ = ledger.draw(month: "2026-10", due: Self.d("40.00"))
        let november = ledger.draw(month: "2026-11", due: Self.d("40.00"))
        #expect(november.used == 0)
        #expect(november.balances.map(\.lapsed) == [Self.d("60.00")])
        #expect(november.remaining == 0)
        let table = CreditTable(november, currency: Self.usd)
        #expect(table.rows.isEmpty)
        #expect(table.lapses == ["The grant of 2026-10 (100.00 USD) expired at the end of 2026-10: its remaining 60.00 USD lapsed and pays for nothing from 2026-11 on."])
        let december = ledger.draw(month: "2026-12", due: Self.d("40.00"))
        #expect(december.balances.isEmpty)
        #expect(CreditTable(december, currency: Self.usd).lapses.isEmpty)
        #expect(CreditTable(december, currency: Self.usd).isEmpty, "a statement leaves the section out once every grant has gone")
    }

    @Test func aFullyUsedGrantLapsesNothing() throws {
        var ledger = CreditLedger(grants: [Self.grant("2026-10", "10.00", expires: "2026-10", position: 0)])
        _ = ledger.draw(month: "2026-10", due: Self.d("40.00"))
        #expect(ledger.draw(month: "2026-11", due: Self.d("1")).balances.isEmpty)
    }

    @Test(arguments: [("0", "0"), ("-5.00", "0"), ("30.00", "30.00"), ("80.00", "50.00")])
    func creditsNeverPayMoreThanTheMonthsAmountNorMoreThanIsLeft(_ due: String, _ used: String) throws {
        var ledger = CreditLedger(grants: [Self.grant("2026-10", "50.00", position: 0)])
        let month = ledger.draw(month: "2026-10", due: Self.d(due))
        #expect(month.used == Self.d(used))
        #expect(month.remaining == Self.d("50.00") - Self.d(used))
        #expect(max(Self.d(due), 0) - month.used >= 0)
        #expect(month.lines(currency: Self.usd).isEmpty == (Self.d(used) == 0))
    }

    @Test func theRemainderCarriesToTheNextMonthAndAMonthWithNothingDueKeepsIt() throws {
        var ledger = CreditLedger(grants: [Self.grant("2026-10", "100.00", position: 0)])
        #expect(ledger.draw(month: "2026-10", due: Self.d("30.00")).remaining == Self.d("70.00"))
        let november = ledger.draw(month: "2026-11", due: 0)
        #expect(november.opening == Self.d("70.00"))
        #expect(november.remaining == Self.d("70.00"))
        #expect(november.lines(currency: Self.usd).isEmpty)
        let december = ledger.draw(month: "2026-12", due: Self.d("100.00"))
        #expect(december.used == Self.d("70.00"))
        #expect(december.remaining == 0)
    }

    @Test func creditLinesGoAfterEveryChargeAndBeforeAdjustmentsAndTheTotalIsNeverNegative() throws {
        let rules = try PricingRules.parse(yaml: """
            currency: USD
            plans:
              floor:
                monthlyMinimum: 10.00
                v1:
                  unitPrice: 0.04
            orgs:
              org_a:
                plan: floor
                credits:
                  - {granted: 2026-10, amount: 25.00}
            """, fileName: "pricing.yaml")
        let statement = try Rater(rules: rules).statement(month: "2026-10", orgId: "org_a", quantities: [.v1: 100])
        #expect(statement.amountBeforeCredits == Self.d("10.00"))
        var ledger = CreditLedger(grants: rules.creditGrants(forOrg: "org_a"))
        let credits = ledger.draw(month: "2026-10", due: statement.amountBeforeCredits)
        let adjustment = InvoiceLine(kind: .adjustment, version: nil, description: "adjustment for 2026-09: +1 v1 generation",
                                     quantity: 1, unitPrice: nil, amount: Self.d("0.04"), adjustsMonth: "2026-09")
        let credited = statement.adding(adjustments: [adjustment]).adding(credits: credits.lines(currency: rules.currency))
        #expect(credited.lines.map(\.kind) == [.usage, .minimum, .credit, .adjustment, .total])
        #expect(credited.lines[2].amount == Self.d("-10.00"))
        #expect(credited.lines[2].description == "prepaid credit (granted 2026-10, never expires, 25.00 granted)")
        #expect(credited.total == Self.d("0.04"))
        #expect(credited.lines.last?.amount == credited.total)
        #expect(credited.creditTotal == Self.d("-10.00"))
        #expect(credited.amountBeforeCredits == Self.d("10.00"))
        #expect(credited.total - credited.adjustmentTotal >= 0)
    }
}

/// Random grants and months: whatever the amounts, credits never pay more
/// than the month's amount, no grant goes below zero, and every unit of
/// money granted is either used, still remaining or lapsed.
struct CreditLedgerPropertyTests {
    /// A small deterministic generator, so a failure reproduces.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test(arguments: 1...40)
    func moneyIsConservedAndNoTotalIsNegative(_ seed: Int) throws {
        var random = Generator(state: UInt64(seed))
        let months = CreditMonthText.range(from: "2026-01", through: "2027-06")
        let grants = (0..<(1 + random.next(4))).map { position -> CreditGrant in
            let granted = months[random.next(12)]
            let expires = random.next(3) == 0 ? nil : months[min(months.count - 1, months.firstIndex(of: granted)! + random.next(8))]
            return CreditGrant(granted: granted, amount: Decimal(1 + random.next(50000)) / 100, expires: expires, position: position)
        }
        var ledger = CreditLedger(grants: grants)
        var used = Decimal(0), lapsed = Decimal(0)
        for month in months {
            let due = Decimal(random.next(30000) - 2000) / 100
            let result = ledger.draw(month: month, due: due)
            #expect(result.used >= 0)
            #expect(result.used <= max(due, 0), "\(month)")
            #expect(max(due, 0) - result.used >= 0)
            for balance in result.balances {
                #expect(balance.remaining >= 0 && balance.used >= 0 && balance.lapsed >= 0)
                #expect(balance.used <= balance.opening)
            }
            // A grant's credit is drawn only while it is in force, earliest expiry first.
            let drawn = result.balances.filter { $0.used > 0 }
            #expect(drawn.allSatisfy { $0.grant.isInForce(in: month) })
            let inForce = result.balances.filter { $0.grant.isInForce(in: month) }
            if let last = inForce.lastIndex(where: { $0.used > 0 }) {
                #expect(inForce[..<last].allSatisfy { $0.remaining == 0 }, "an earlier grant in draw order was left unused in \(month)")
            }
            used += result.used
            lapsed += result.balances.reduce(Decimal(0)) { $0 + $1.lapsed }
            let granted = grants.filter { $0.granted <= month }.reduce(Decimal(0)) { $0 + $1.amount }
            let remaining = zip(grants, ledger.remainders).filter { $0.0.granted <= month }.reduce(Decimal(0)) { $0 + $1.1 }
            #expect(used + lapsed + remaining == granted, "\(month): \(used) + \(lapsed) + \(remaining) != \(granted)")
        }
    }
}

/// Random plans, quantities and grants through the rater: credit lines
/// keep the statement's lines summing to its total, are each a whole number
/// of cents, and never take a total below zero.
struct CreditStatementPropertyTests {
    @Test(arguments: 1...30)
    func linesSumToTheTotalAndCreditsNeverMakeItNegative(_ seed: Int) throws {
        var random = CreditLedgerPropertyTests.Generator(state: UInt64(seed) &* 7919)
        let minimum = random.next(2) == 0 ? "" : "    monthlyMinimum: \(random.next(500)).\(random.next(10))0\n"
        let grants = (0..<(1 + random.next(3))).map { _ in
            "      - {granted: 2026-0\(1 + random.next(3)), amount: \(random.next(300)).\(random.next(90) + 10)\(random.next(2) == 0 ? "" : ", expires: 2026-0\(4 + random.next(5))")}\n"
        }.joined()
        let yaml = """
            currency: USD
            plans:
              p:
            \(minimum)    v1:
                  unitPrice: 0.0\(1 + random.next(9))5
                v2:
                  tiers:
                    - {upTo: 100, unitPrice: 0.12}
                    - {unitPrice: 0.105}
            orgs:
              org_a:
                plan: p
                credits:

            """ + grants
        let rules = try PricingRules.parse(yaml: yaml, fileName: "pricing.yaml")
        var ledger = CreditLedger(grants: rules.creditGrants(forOrg: "org_a"))
        for month in CreditMonthText.range(from: "2026-01", through: "2026-12") {
            let quantities: [APIVersion: Int] = [.v1: random.next(3000), .v2: random.next(400)]
            let statement = try Rater(rules: rules).statement(month: month, orgId: "org_a", quantities: quantities)
            let credits = ledger.draw(month: month, due: statement.amountBeforeCredits)
            let credited = statement.adding(credits: credits.lines(currency: rules.currency))
            #expect(credited.total >= 0, "\(month)\n\(yaml)")
            #expect(credited.lines.filter { $0.kind != .total }.reduce(Decimal(0)) { $0 + $1.amount } == credited.total)
            #expect(credited.lines.last?.kind == .total && credited.lines.last?.amount == credited.total)
            for line in credited.linesOfKind(.credit) {
                #expect(line.amount < 0)
                #expect(MoneyRounding.halfUp(line.amount, to: rules.currency) == line.amount, "a credit line needs no rounding")
            }
            #expect(credited.total == max(0, statement.total - credits.used))
        }
    }
}

private extension AxisLedger.Statement {
    func linesOfKind(_ kind: InvoiceLine.Kind) -> [InvoiceLine] { lines.filter { $0.kind == kind } }
}
