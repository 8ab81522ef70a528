import Foundation
import Yams

/// `orgs.ORG.credits`: the org's prepaid credit grants (docs/pricing.md, "Prepaid credits").
extension PricingRulesParser {
    static let creditKeys = ["granted", "amount", "expires"]

    /// A list of `{granted: YYYY-MM, amount: 500.00, expires: YYYY-MM}`, `expires` optional.
    mutating func readCredits(_ node: Node, at path: String) -> [CreditGrant] {
        if node.null != nil { return [] }  // `credits:` with nothing under it
        guard case .sequence(let sequence) = node else {
            report(node, path, "must be a list of grants, each `- {granted: YYYY-MM, amount: 500.00, expires: YYYY-MM}` (expires optional)")
            return []
        }
        var grants: [CreditGrant] = []
        for (index, item) in sequence.enumerated() {
            let itemPath = "\(path)[\(index)]"
            guard let fields = fields(of: item, at: itemPath, allowed: Self.creditKeys) else { continue }
            let granted = readCreditMonth(fields["granted"], in: item, at: itemPath, key: "granted",
                                          missing: "missing granted; add the first month (YYYY-MM) the grant pays for")
            var amount: Decimal?
            var decimals = 0
            var amountLine: Int?
            if let entry = fields["amount"] {
                amountLine = line(entry.value)
                amount = readDecimal(entry.value, at: "\(itemPath).amount", maximumDecimals: 6, example: "500.00",
                                     decimalsRule: "an amount has at most as many decimals as the currency's minor unit")
                if let amount, amount == 0 {
                    report(entry.value, "\(itemPath).amount", "a grant of 0 pays for nothing; write the amount granted, e.g. 500.00, or remove the grant")
                }
                let text = scalarText(entry.value) ?? ""
                decimals = text.split(separator: ".", omittingEmptySubsequences: false).dropFirst().first?.count ?? 0
            } else {
                report(item, itemPath, "missing amount; add what the grant is worth in the file's currency, e.g. `amount: 500.00`")
            }
            var expires: String?
            if let entry = fields["expires"] {
                expires = readCreditMonth(entry, in: item, at: itemPath, key: "expires", missing: "")
                if let expires, let granted, expires < granted {
                    report(entry.value, "\(itemPath).expires",
                           "\(expires) is before the grant's month \(granted); a grant pays from granted to expires, both included, so expires is granted or later")
                }
            }
            guard let granted, let amount, amount > 0 else { continue }
            if fields["expires"] != nil, expires == nil { continue }
            var grant = CreditGrant(granted: granted, amount: amount, expires: expires, position: index, line: line(item))
            grant.writtenDecimals = decimals
            grant.amountLine = amountLine
            grants.append(grant)
        }
        return grants
    }

    private mutating func readCreditMonth(_ entry: Field?, in item: Node, at itemPath: String, key: String, missing: String) -> String? {
        guard let entry else {
            report(item, itemPath, missing)
            return nil
        }
        let text = scalarText(entry.value) ?? ""
        guard DecimalText.isMonth(text) else {
            report(entry.value, "\(itemPath).\(key)", "`\(text)` is not a month; write YYYY-MM with a month from 01 to 12, e.g. 2026-10")
            return nil
        }
        return text
    }

    /// Refuses a grant's amount written with more decimals than the currency
    /// has (`500.001` in USD): checked once the currency is read.
    mutating func checkCreditAmounts(_ terms: [String: OrgTerms], currency: Currency?) {
        guard let currency else { return }
        for (org, orgTerms) in terms {
            for grant in orgTerms.credits where grant.writtenDecimals > currency.minorUnitDigits {
                report(line: grant.amountLine, "orgs.\(org).credits[\(grant.position)].amount",
                       "\(grant.amount) has \(grant.writtenDecimals) decimals; an amount in \(currency.code) has at most \(currency.minorUnitDigits) decimals")
            }
        }
    }
}
