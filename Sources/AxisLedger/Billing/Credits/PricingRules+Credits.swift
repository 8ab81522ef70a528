extension PricingRules {
    /// The org's prepaid credit grants in the order listed; empty when it has none.
    public func creditGrants(forOrg orgId: String) -> [CreditGrant] { orgTerms[orgId]?.credits ?? [] }

    /// The orgs with at least one credit grant, sorted.
    public var orgsWithCredits: [String] { orgTerms.filter { !$0.value.credits.isEmpty }.keys.sorted() }
}
