import Foundation
import GRDB

/// Each org's prepaid credits in a month, from every month since its first
/// grant: a month's draw depends on what the earlier months left. Earlier
/// months are taken from the ledger as it is: a closed month as it was
/// issued (its issued credit lines), an open month rated now under the
/// rules given.
enum CreditHistory {
    /// The credit month of `month` for every org with grants, by org.
    /// - Parameter due: what credits may pay for in `month` itself, by org.
    /// - Throws: ``ReportError`` when an earlier month cannot be rated.
    static func months(_ db: Database, ledger: LedgerDatabase, month: String, rules: PricingRules,
                       due: [String: Decimal]) throws -> [String: CreditMonth] {
        let orgs = rules.orgsWithCredits
        guard !orgs.isEmpty else { return [:] }
        var ledgers = Dictionary(uniqueKeysWithValues: orgs.map { ($0, CreditLedger(grants: rules.creditGrants(forOrg: $0))) })
        guard let first = ledgers.values.compactMap(\.firstMonth).min(), first <= month else { return [:] }
        let closed = Set(try ClosedMonthStore.closedMonths(db))
        for earlier in CreditMonthText.range(from: first, through: month).dropLast() {
            let earlierDue = try Self.due(db, ledger: ledger, month: earlier, closed: closed.contains(earlier), rules: rules, forMonth: month)
            for org in orgs where (ledgers[org]?.firstMonth ?? month) <= earlier {
                _ = ledgers[org]?.draw(month: earlier, due: earlierDue[org] ?? 0)
            }
        }
        var result: [String: CreditMonth] = [:]
        for org in orgs where (ledgers[org]?.firstMonth ?? month) <= month {
            result[org] = ledgers[org]?.draw(month: month, due: due[org] ?? 0)
        }
        return result
    }

    /// `statements` with each org's credit lines, and the credit months they come from.
    static func apply(_ db: Database, ledger: LedgerDatabase, month: String, rules: PricingRules,
                      to statements: [Statement]) throws -> (statements: [Statement], credits: [String: CreditMonth]) {
        let due = Dictionary(statements.map { ($0.orgId, $0.amountBeforeCredits) }, uniquingKeysWith: { first, _ in first })
        let credits = try months(db, ledger: ledger, month: month, rules: rules, due: due)
        guard !credits.isEmpty else { return (statements, [:]) }
        let credited = statements.map { statement in
            statement.adding(credits: credits[statement.orgId]?.lines(currency: rules.currency) ?? [])
        }
        return (credited, credits)
    }

    /// What each org's credits paid for in an earlier month: a closed month's
    /// issued credit lines (so a closed month keeps drawing what was issued,
    /// even if its records changed since), an open month's amount before
    /// credits rated now.
    /// - Parameter forMonth: the month whose credits need this one, for the message when it cannot be rated.
    static func due(_ db: Database, ledger: LedgerDatabase, month: String, closed: Bool,
                    rules: PricingRules, forMonth: String) throws -> [String: Decimal] {
        let statements: [Statement]
        if closed {
            // What the issued statement drew, however the grants read now.
            let issued = try ClosedMonthStore.issuedStatements(db, month: month)
            return Dictionary(issued.map { ($0.orgId, -$0.creditTotal) }, uniquingKeysWith: { first, _ in first })
        } else {
            do {
                statements = try LiveRating(db, ledger: ledger, month: month, rules: rules, onlyOrgs: Set(rules.orgsWithCredits)).statements
            } catch let error as ReportError where month != forMonth {
                throw ReportError.creditsNeedEarlierMonth(month: forMonth, earlier: month, reason: error.description)
            }
        }
        return Dictionary(statements.map { ($0.orgId, $0.amountBeforeCredits) }, uniquingKeysWith: { first, _ in first })
    }
}
