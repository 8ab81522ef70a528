import Foundation
import Yams

/// An org's `discounts`: a list of `{percent: 10, from: 2026-10, until: 2026-12}`
/// or `{amount: 25.00, from: 2026-10}`, validated one by one.
extension PricingRulesParser {
    static let discountKeys = ["percent", "amount", "from", "until"]
    /// A percentage has at most this many decimals (`12.5`, `33.3333`).
    static let percentDecimals = 4

    mutating func readDiscounts(_ node: Node, at path: String) -> [Discount] {
        if node.null != nil { return [] }  // `discounts:` with nothing under it
        guard case .sequence(let sequence) = node else {
            report(node, path, "must be a list of discounts, each `- percent: 10` or `- amount: 25.00` with `from: YYYY-MM` (and optionally `until: YYYY-MM`)")
            return []
        }
        var discounts: [Discount] = []
        for (index, item) in sequence.enumerated() {
            if let discount = readDiscount(item, at: "\(path)[\(index)]") { discounts.append(discount) }
        }
        return discounts
    }

    mutating func readDiscount(_ item: Node, at path: String) -> Discount? {
        guard let fields = fields(of: item, at: path, allowed: Self.discountKeys) else { return nil }
        var value: Discount.Value?
        switch (fields["percent"], fields["amount"]) {
        case (let entry?, nil):
            value = readPercent(entry.value, at: "\(path).percent").map(Discount.Value.percent)
        case (nil, let entry?):
            if let amount = readAmount(entry.value, at: "\(path).amount", currency: currency, example: "25.00") {
                if amount == 0 {
                    report(entry.value, "\(path).amount", "a discount of 0 takes nothing off; write the amount to take off each month, or remove the discount")
                } else {
                    value = .amount(amount)
                }
            }
        case (_?, _?):
            report(item, path, "has both percent and amount; a discount is one or the other (write two discounts to apply both, in the order they apply)")
        case (nil, nil):
            report(item, path, "missing percent or amount; add `percent: 10` for 10% off or `amount: 25.00` for a fixed amount off each month")
        }
        var from: String?
        if let entry = fields["from"] {
            from = readDiscountMonth(entry.value, at: "\(path).from")
        } else {
            report(item, path, "missing from; add the first month (YYYY-MM) the discount applies")
        }
        var until: String?
        var untilIsValid = true
        if let entry = fields["until"] {
            until = readDiscountMonth(entry.value, at: "\(path).until")
            if until == nil {
                untilIsValid = false
            } else if let from, let last = until, last < from {
                report(entry.value, "\(path).until", "\(last) is before from \(from); until is the last month the discount applies (inclusive), so it cannot be earlier than from")
                untilIsValid = false
            }
        }
        guard let value, let from, untilIsValid else { return nil }
        return Discount(value: value, from: from, until: until)
    }

    /// A percentage: more than 0, at most 100, at most ``percentDecimals`` decimals.
    mutating func readPercent(_ node: Node, at path: String) -> Decimal? {
        guard let percent = readDecimal(node, at: path, maximumDecimals: Self.percentDecimals, example: "10",
                                        decimalsRule: "a percentage has at most \(Self.percentDecimals) decimals") else { return nil }
        guard percent > 0, percent <= 100 else {
            let text = scalarText(node) ?? "\(percent)"
            report(node, path, percent == 0
                   ? "a discount of 0% takes nothing off; write the percentage to take off (10 for 10%), or remove the discount"
                   : "\(text) is more than 100; a percentage is more than 0 and at most 100 (10 for 10%), and a discount never takes more than the whole amount")
            return nil
        }
        return percent
    }

    /// A month `YYYY-MM` with a month from 01 to 12.
    mutating func readDiscountMonth(_ node: Node, at path: String) -> String? {
        let text = scalarText(node) ?? ""
        guard DecimalText.isMonth(text) else {
            report(node, path, "`\(text)` is not a month; write YYYY-MM with a month from 01 to 12, e.g. 2026-10")
            return nil
        }
        return text
    }
}
