/// The example pricing file of docs/pricing.example.yaml, carried in the
/// binary so `demo` works with no source tree beside it. A test keeps the two
/// identical.
public enum PricingExample {
    public static let yaml = """
        currency: USD            # ISO 4217; each invoice line is rounded half-up to the currency's minor unit
        defaultPlan: standard    # plan of every org not listed under orgs
        plans:
          standard:
            v1:
              unitPrice: 0.04
            v2:
              tiers:             # graduated (the default mode): each tier prices the units that fall in it
                - upTo: 1000     # inclusive upper bound of the month's billable units
                  unitPrice: 0.12
                - unitPrice: 0.10
          growth:
            monthlyMinimum: 250.00   # if the month's usage subtotal is lower, a top-up line brings it up to this
            monthlyFee: 20.00        # a fixed fee on every statement under the plan, not counted toward the minimum
            v1:
              included: 1000         # free units each month, taken before any price applies
              unitPrice: 0.035
            v2:
              by: resolution         # priced by the billed generation's request resolution
              prices:
                4K:
                  unitPrice: 0.18
              default:               # every other resolution (and none), pooled and tiered together
                mode: volume         # every billable unit at the price of the tier the month's quantity falls in
                tiers:
                  - upTo: 5000
                    unitPrice: 0.11
                  - unitPrice: 0.09
        orgs:
          org_acme:                  # an org written as a mapping: its plan and its other terms
            plan: growth
            timezone: Europe/Berlin  # billed for Berlin's calendar month, not UTC's
            credits:                 # prepaid credit, drawn down month by month until used or expired
              - granted: 2026-10
                amount: 100.00
                expires: 2027-09
          org_initech:               # assignments by month: the plan in force for the whole of a month
            - from: 2026-01
              plan: standard
            - from: 2026-11
              plan: growth

        """
}
