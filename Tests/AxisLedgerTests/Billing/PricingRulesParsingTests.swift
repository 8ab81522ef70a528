import Foundation
import Testing
@testable import AxisLedger

/// What an accepted pricing file means.
struct PricingRulesParsingTests {
    private func dec(_ text: String) -> Decimal { BillingFixtures.decimal(text) }

    @Test func theExampleFileFromTheIssueIsAccepted() throws {
        let rules = try BillingFixtures.exampleRules()
        #expect(rules.currency == Currency(code: "USD", minorUnitDigits: 2))
        #expect(rules.sourceSHA256 == nil)
        #expect(rules.plans.keys.sorted() == ["growth", "standard"])
        #expect(rules.defaultPlan == [PlanAssignment(from: nil, plan: "standard")])
        #expect(rules.orgs["org_acme"] == [PlanAssignment(from: nil, plan: "growth")])
        #expect(rules.orgs["org_initech"] == [PlanAssignment(from: "2026-01", plan: "standard"), PlanAssignment(from: "2026-11", plan: "growth")])

        let standard = try #require(rules.plans["standard"])
        #expect(standard.monthlyMinimum == nil)
        #expect(standard.versions[.v1] == VersionPricing(included: 0, mode: .flat, tiers: [PriceTier(upTo: nil, unitPrice: dec("0.04"))]))
        #expect(standard.versions[.v2] == VersionPricing(included: 0, mode: .graduated, tiers: [
            PriceTier(upTo: 1000, unitPrice: dec("0.12")), PriceTier(upTo: nil, unitPrice: dec("0.10")),
        ]))

        let growth = try #require(rules.plans["growth"])
        #expect(growth.monthlyMinimum == dec("250.00"))
        #expect(growth.versions[.v1] == VersionPricing(included: 1000, mode: .flat, tiers: [PriceTier(upTo: nil, unitPrice: dec("0.035"))]))
        #expect(growth.versions[.v2] == VersionPricing(included: 0, mode: .volume, tiers: [
            PriceTier(upTo: 5000, unitPrice: dec("0.11")), PriceTier(upTo: nil, unitPrice: dec("0.09")),
        ]))
    }

    @Test(arguments: [
        ("org_acme", "2026-01", "growth"),
        ("org_initech", "2025-12", "standard"), // before its first assignment: the default plan
        ("org_initech", "2026-01", "standard"),
        ("org_initech", "2026-10", "standard"),
        ("org_initech", "2026-11", "growth"),
        ("org_initech", "2027-03", "growth"),
        ("org_unlisted", "2026-11", "standard"),
    ])
    func thePlanInForceIsTheLastAssignmentFromOnOrBeforeTheMonth(org: String, month: String, plan: String) throws {
        #expect(try BillingFixtures.exampleRules().planName(forOrg: org, month: month) == plan)
    }

    @Test func listedOrgsAreThoseWithTheirOwnPlanInForce() throws {
        let rules = try BillingFixtures.exampleRules()
        #expect(rules.listedOrgs(inForceIn: "2025-12") == ["org_acme"])
        #expect(rules.listedOrgs(inForceIn: "2026-01") == ["org_acme", "org_initech"])
    }

    @Test func theDefaultPlanMayChangeByMonth() throws {
        let rules = try BillingFixtures.rules("""
            currency: USD
            defaultPlan:
              - from: 2026-01
                plan: old
              - from: 2026-07
                plan: new
            plans:
              old:
                v1:
                  unitPrice: 0.05
              new:
                v1:
                  unitPrice: 0.04
            """)
        #expect(rules.planName(forOrg: "anyone", month: "2025-12") == nil)
        #expect(rules.planName(forOrg: "anyone", month: "2026-06") == "old")
        #expect(rules.planName(forOrg: "anyone", month: "2026-07") == "new")
        #expect(rules.listedOrgs(inForceIn: "2026-07").isEmpty)
    }

    @Test func monthsAreTakenFromTheScalarText() throws {
        // Quoted or not, `2026-01` stays the month 2026-01.
        let rules = try BillingFixtures.rules("""
            currency: USD
            plans:
              p:
                v1:
                  unitPrice: 1
            orgs:
              a:
                - from: "2026-02"
                  plan: p
              b:
                - from: 2026-03
                  plan: p
            """)
        #expect(rules.orgs["a"]?.first?.from == "2026-02")
        #expect(rules.orgs["b"]?.first?.from == "2026-03")
    }

    @Test func numbersKeepTheirExactText() throws {
        let rules = try BillingFixtures.rules("""
            currency: KWD
            plans:
              p:
                monthlyMinimum: 0.125
                v1:
                  unitPrice: 0.100001
                v2:
                  unitPrice: 123456789012345.5
            """)
        let plan = try #require(rules.plans["p"])
        #expect(plan.monthlyMinimum == dec("0.125"))
        #expect(plan.versions[.v1]?.tiers.first?.unitPrice == dec("0.100001"))
        #expect(plan.versions[.v2]?.tiers.first?.unitPrice == dec("123456789012345.5"))
    }

    @Test func anOrgWrittenAsAMappingKeepsItsPlanAndTimeZone() throws {
        let rules = try PricingRules.parse(yaml: """
            currency: USD
            defaultPlan: p
            plans:
              p:
                v1:
                  unitPrice: 0.04
              q:
                v1:
                  unitPrice: 0.03
            orgs:
              org_berlin: {plan: q, timezone: Europe/Berlin}
              org_later:
                plan:
                  - from: 2026-11
                    plan: q
              org_short: q
            """, fileName: "p.yaml")
        #expect(rules.orgs["org_berlin"] == [PlanAssignment(from: nil, plan: "q")])
        #expect(rules.orgs["org_later"] == [PlanAssignment(from: "2026-11", plan: "q")])
        #expect(rules.timeZone(forOrg: "org_berlin")?.identifier == "Europe/Berlin")
        #expect(rules.timeZone(forOrg: "org_later") == nil)
        #expect(rules.timeZone(forOrg: "org_short") == nil)
        #expect(rules.orgTerms["org_short"] == nil)
        #expect(rules.listedOrgs(inForceIn: "2026-10") == ["org_berlin", "org_short"])
        #expect(PricingRulesSummary.render(rules).contains("  org_berlin: q; billing months are calendar months in Europe/Berlin (local midnight to local midnight, daylight saving time included)\n"))
    }

    @Test func anEmptyOrgsSectionIsAccepted() throws {
        let rules = try BillingFixtures.rules("currency: USD\ndefaultPlan: p\nplans:\n  p:\n    v1:\n      unitPrice: 1\norgs:\n")
        #expect(rules.orgs.isEmpty)
    }

    @Test func summaryListsPlansAndOrgsSorted() throws {
        let summary = PricingRulesSummary.render(try BillingFixtures.exampleRules())
        #expect(summary == """
            currency: USD (2 minor digits; each invoice line is rounded half up to 0.01)
            default plan: standard
            plans:
              growth:
                monthly minimum: 250.00
                v1: first 1000 units a month included, then every unit at 0.035
                v2: volume tiers (every billable unit at the price of the tier the month's billable quantity falls in)
                  units 1–5000 at 0.11
                  units 5001 and above at 0.09
              standard:
                v1: every unit at 0.04
                v2: graduated tiers (each tier prices the billable units that fall in it)
                  units 1–1000 at 0.12
                  units 1001 and above at 0.10
            orgs:
              org_acme: growth
              org_initech: standard from 2026-01, growth from 2026-11

            """)
    }

    @Test func feesMaximumsAndDiscountsAreReadExactlyAndExplainedInWords() throws {
        let rules = try PricingRules.parse(yaml: """
            currency: USD
            defaultPlan: p
            plans:
              p:
                monthlyMinimum: 100.00
                monthlyMaximum: 2000
                monthlyFee: 49.90
                v1:
                  unitPrice: 0.04
            orgs:
              org_acme:
                plan: p
                discounts:
                  - percent: 12.5
                    from: 2026-10
                    until: 2026-12
                  - {amount: 25.00, from: 2027-01}
                  - {percent: 5, from: 2027-02, until: 2027-02}
              org_plain: {plan: p, discounts: []}
            """, fileName: "p.yaml")
        let plan = try #require(rules.plans["p"])
        #expect(plan.monthlyMaximum == 2000)
        #expect(plan.monthlyFee == dec("49.90"))
        #expect(rules.discounts(forOrg: "org_acme") == [
            Discount(value: .percent(dec("12.5")), from: "2026-10", until: "2026-12"),
            Discount(value: .amount(25), from: "2027-01"),
            Discount(value: .percent(5), from: "2027-02", until: "2027-02"),
        ])
        #expect(rules.discounts(forOrg: "org_plain").isEmpty)
        #expect(rules.discounts(forOrg: "org_unlisted").isEmpty)
        let summary = PricingRulesSummary.render(rules)
        #expect(summary.contains("""
                monthly minimum: 100.00
                monthly maximum: 2000.00 (usage lines above it are capped: a negative cap line takes off the excess)
                monthly fee: 49.90 (one fee line in every month an org has a statement under the plan; not counted toward the minimum, not capped)

            """))
        #expect(summary.contains("""
              org_acme: p
                discounts, in this order, each on what the lines before it leave (usage, minimum or cap, fee, earlier discounts), rounded half up, never below zero:
                  12.5% off, 2026-10 to 2026-12
                  25.00 off, from 2027-01 on
                  5% off, 2027-02 only
              org_plain: p

            """))
    }
}
