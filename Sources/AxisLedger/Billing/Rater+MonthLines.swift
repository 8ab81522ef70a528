import Foundation

/// The lines after the usage lines: the plan's minimum or cap on the usage
/// subtotal, its fixed fee, and the org's discounts on all of that.
extension Rater {
    /// The `minimum` top-up (usage subtotal below `monthlyMinimum`) or the
    /// negative `cap` (usage subtotal above `monthlyMaximum`), then the `fee`.
    /// The fee comes after both, so it is neither counted toward the minimum
    /// nor capped. The parser refuses a maximum below the minimum, so at most
    /// one of minimum and cap applies.
    func monthLines(plan: Plan, usageSubtotal subtotal: Decimal) -> [InvoiceLine] {
        var lines: [InvoiceLine] = []
        if let minimum = plan.monthlyMinimum, subtotal < minimum {
            lines.append(InvoiceLine(kind: .minimum, version: nil, description: "monthly minimum \(money(minimum)) top-up",
                                     quantity: 0, unitPrice: nil, amount: MoneyRounding.halfUp(minimum - subtotal, to: rules.currency)))
        }
        if let maximum = plan.monthlyMaximum, subtotal > maximum {
            lines.append(InvoiceLine(kind: .cap, version: nil, description: "monthly maximum \(money(maximum)): usage of \(money(subtotal)) capped",
                                     quantity: 0, unitPrice: nil, amount: MoneyRounding.halfUp(maximum - subtotal, to: rules.currency)))
        }
        if let fee = plan.monthlyFee {
            lines.append(InvoiceLine(kind: .fee, version: nil, description: "monthly fee of plan \(plan.name)",
                                     quantity: 0, unitPrice: nil, amount: MoneyRounding.halfUp(fee, to: rules.currency)))
        }
        return lines
    }

    /// One `discount` line per discount of `orgId` in force in `month`, in the
    /// order listed, each on what the previous left of `amount` (what the
    /// usage, minimum, cap and fee lines come to): on 200.00, 10% then 25.00
    /// gives −20.00 and −25.00; 25.00 then 10% gives −25.00 and −17.50. Each is
    /// rounded half up once and never takes what is left below zero.
    func discountLines(orgId: String, month: String, amount: Decimal) -> [InvoiceLine] {
        var left = amount
        var lines: [InvoiceLine] = []
        for discount in rules.discounts(forOrg: orgId) where discount.applies(in: month) {
            let reduction = discount.reduction(of: left, currency: rules.currency)
            var description: String
            switch discount.value {
            case .percent(let percent):
                description = "discount \(percent)% (\(discount.months)) of \(money(max(left, 0)))"
            case .amount(let fixed):
                description = "discount \(money(fixed)) (\(discount.months))"
                if reduction < MoneyRounding.halfUp(fixed, to: rules.currency) {
                    description += ", limited to the \(money(max(left, 0))) left"
                }
            }
            lines.append(InvoiceLine(kind: .discount, version: nil, description: description,
                                     quantity: 0, unitPrice: nil, amount: 0 - reduction))
            left -= reduction
        }
        return lines
    }
}

extension PricingRules {
    /// The org's discounts in the order listed (empty for an org without any).
    public func discounts(forOrg orgId: String) -> [Discount] { orgTerms[orgId]?.discounts ?? [] }
}
