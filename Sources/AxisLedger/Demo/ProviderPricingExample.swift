/// The provider's price list of the demo, docs/provider-pricing.example.yaml,
/// carried in the binary like ``PricingExample``: what StudioAxis charges the
/// integration per org and version. The sample's provider invoice is rated
/// with it, and the demo reconciles with it (`reconcile --cost`), since the
/// provider invoices at its own prices, without the integration's own terms
/// for its orgs (dimensions, fees, credits, time zones). A test keeps the two identical.
public enum ProviderPricingExample {
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
            monthlyMinimum: 250.00   # if the month's subtotal is lower, a top-up line brings it up to this
            v1:
              included: 1000         # free units each month, taken before any price applies
              unitPrice: 0.035
            v2:
              mode: volume           # every billable unit at the price of the tier the month's quantity falls in
              tiers:
                - upTo: 5000
                  unitPrice: 0.11
                - unitPrice: 0.09
        orgs:
          org_acme: growth
          org_initech:               # assignments by month: the plan in force for the whole of a month
            - from: 2026-01
              plan: standard
            - from: 2026-11
              plan: growth

        """
}
