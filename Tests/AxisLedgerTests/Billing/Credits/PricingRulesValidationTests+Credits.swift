import Foundation
import Testing
@testable import AxisLedger

/// Issue 16, item 7: every way `orgs.ORG.credits` is refused, with its line
/// and key path, and how a valid list is read and explained.
extension PricingRulesValidationTests {
    /// `file(extra:)` puts `orgs:` on line 7, the org on 8, `plan: p` on 9,
    /// `credits:` on 10 and its first grant on 11.
    static func credits(_ list: String) -> String {
        file(extra: "orgs:\n  org_a:\n    plan: p\n    credits:" + list)
    }

    static let creditCases: [Case] = [
        Case(rule: "credits not a list", yaml: credits(" 500.00\n"),
             line: 10, keyPath: "orgs.org_a.credits", says: "must be a list of grants, each `- {granted: YYYY-MM, amount: 500.00, expires: YYYY-MM}`"),
        Case(rule: "a grant that is not a mapping", yaml: credits("\n      - 500.00\n"),
             line: 11, keyPath: "orgs.org_a.credits[0]", says: "must be a mapping with the keys granted, amount, expires"),
        Case(rule: "a grant without granted", yaml: credits("\n      - {amount: 500.00}\n"),
             line: 11, keyPath: "orgs.org_a.credits[0]", says: "missing granted; add the first month (YYYY-MM) the grant pays for"),
        Case(rule: "a grant without amount", yaml: credits("\n      - {granted: 2026-10}\n"),
             line: 11, keyPath: "orgs.org_a.credits[0]", says: "missing amount; add what the grant is worth"),
        Case(rule: "an unknown key in a grant", yaml: credits("\n      - {granted: 2026-10, amount: 5.00, expiry: 2027-01}\n"),
             line: 11, keyPath: "orgs.org_a.credits[0].expiry", says: "unknown key `expiry`; the keys allowed here are granted, amount, expires"),
        Case(rule: "granted not a month", yaml: credits("\n      - {granted: 2026-13, amount: 5.00}\n"),
             line: 11, keyPath: "orgs.org_a.credits[0].granted", says: "`2026-13` is not a month; write YYYY-MM"),
        Case(rule: "expires not a month", yaml: credits("\n      - {granted: 2026-10, amount: 5.00, expires: 2027-9}\n"),
             line: 11, keyPath: "orgs.org_a.credits[0].expires", says: "`2027-9` is not a month"),
        Case(rule: "expires before granted", yaml: credits("\n      - granted: 2026-10\n        amount: 5.00\n        expires: 2026-09\n"),
             line: 13, keyPath: "orgs.org_a.credits[0].expires", says: "2026-09 is before the grant's month 2026-10"),
        Case(rule: "a negative amount", yaml: credits("\n      - {granted: 2026-10, amount: -5.00}\n"),
             line: 11, keyPath: "orgs.org_a.credits[0].amount", says: "-5.00 is negative"),
        Case(rule: "an amount of zero", yaml: credits("\n      - {granted: 2026-10, amount: 0.00}\n"),
             line: 11, keyPath: "orgs.org_a.credits[0].amount", says: "a grant of 0 pays for nothing"),
        Case(rule: "an amount that is not a number", yaml: credits("\n      - {granted: 2026-10, amount: lots}\n"),
             line: 11, keyPath: "orgs.org_a.credits[0].amount", says: "`lots` is not a number"),
        Case(rule: "an amount with more decimals than the currency", yaml: credits("\n      - {granted: 2026-10, amount: 5.001}\n"),
             line: 11, keyPath: "orgs.org_a.credits[0].amount", says: "5.001 has 3 decimals; an amount in USD has at most 2 decimals"),
        Case(rule: "the second grant's problem names its index", yaml: credits("\n      - {granted: 2026-10, amount: 5.00}\n      - {granted: 2026-1, amount: 5.00}\n"),
             line: 12, keyPath: "orgs.org_a.credits[1].granted", says: "`2026-1` is not a month"),
    ]

    @Test(arguments: creditCases)
    func eachCreditProblemNamesItsLineAndKeyPath(_ testCase: Case) throws {
        try eachProblemNamesItsLineAndKeyPath(testCase)
    }

    @Test func grantsAreReadInTheOrderListedWithTheirMonthsAndExactAmounts() throws {
        let rules = try BillingFixtures.rules(Self.credits("\n      - {granted: 2026-11, amount: 100.00}\n      - {granted: 2026-10, amount: \"600.10\", expires: 2026-11}\n"))
        let grants = rules.creditGrants(forOrg: "org_a")
        #expect(grants.map(\.granted) == ["2026-11", "2026-10"])
        #expect(grants.map(\.expires) == [nil, "2026-11"])
        #expect(grants.map(\.amount) == [Decimal(100), Decimal(string: "600.10")!])
        #expect(grants.map(\.position) == [0, 1])
        #expect(rules.orgsWithCredits == ["org_a"])
        #expect(rules.creditGrants(forOrg: "org_b").isEmpty)
        #expect(try BillingFixtures.rules(Self.credits("\n")).orgsWithCredits.isEmpty)
    }

    @Test func pricingCheckExplainsTheGrantsInDrawOrder() throws {
        let rules = try BillingFixtures.rules(Self.credits("\n      - {granted: 2026-11, amount: 100.00}\n      - {granted: 2026-10, amount: 600.00, expires: 2026-11}\n"))
        let text = PricingRulesSummary.render(rules)
        #expect(text.contains("""
              org_a: p
                prepaid credits (each month's amount is paid from the grants in force, earliest expiry first, then earliest granted, then as listed; what a grant has left carries to the next month; credits never make a total negative):
                  600.00 USD granted 2026-10, pays for 2026-10 to 2026-11; what is left then lapses in 2026-12
                  100.00 USD granted 2026-11, pays from 2026-11 on, never expires
            """), "\(text)")
    }
}
