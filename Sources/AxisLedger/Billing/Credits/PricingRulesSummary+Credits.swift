import Foundation

extension PricingRulesSummary {
    /// An org's credit grants in words, in draw order, as `pricing check` prints them.
    static func credits(_ grants: [CreditGrant], currency: Currency) -> [String] {
        guard !grants.isEmpty else { return [] }
        let money = MoneyFormatter()
        var out = ["    prepaid credits (each month's amount is paid from the grants in force, earliest expiry first, then earliest granted, then as listed; what a grant has left carries to the next month; credits never make a total negative):"]
        for grant in grants.sorted(by: CreditGrant.drawsBefore) {
            let amount = "\(money.format(grant.amount, currency: currency)) \(currency.code)"
            if let expires = grant.expires {
                out.append("      \(amount) granted \(grant.granted), pays for \(grant.granted) to \(expires); what is left then lapses in \(CreditMonthText.next(expires) ?? "the month after")")
            } else {
                out.append("      \(amount) granted \(grant.granted), pays from \(grant.granted) on, never expires")
            }
        }
        return out
    }
}
