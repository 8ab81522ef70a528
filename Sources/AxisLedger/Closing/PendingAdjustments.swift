import Foundation
import GRDB

/// The adjustments an open month's statements carry: for each earlier
/// closed month M and org, the live re-rating of M under M's issued pricing
/// minus (M's own issued total + the adjustments for M already issued in
/// closed months). Own totals are compared (usage, minimum, cap, fee and
/// discount lines), so a change a minimum top-up or a cap absorbs needs
/// none; an org whose difference is 0 gets no line.
enum PendingAdjustments {
    /// - Throws: ``ClosingError/currencyDiffers`` when a closed month was
    ///   issued in another currency than `rules` bill in.
    static func find(_ db: Database, ledger: LedgerDatabase, openMonth: String, rules: PricingRules) throws -> [Adjustment] {
        var found: [Adjustment] = []
        for month in try ClosedMonthStore.closedMonths(db) where month < openMonth {
            found += try forClosedMonth(db, ledger: ledger, month: month, billedIn: rules.currency)
        }
        return found
    }

    /// The pending adjustments of one closed month, per org, ordered by org.
    static func forClosedMonth(_ db: Database, ledger: LedgerDatabase, month: String, billedIn currency: Currency? = nil) throws -> [Adjustment] {
        guard let closed = try ClosedMonthStore.load(db, month: month) else { return [] }
        let issuedRules = try closed.rules()
        if let currency, currency != issuedRules.currency {
            throw ClosingError.currencyDiffers(month: month, issued: issuedRules.currency.code, now: currency.code)
        }
        let live = try LiveRating(db, ledger: ledger, month: month, rules: issuedRules)
        let liveTotals = live.totals
        let issuedTotals = closed.ownTotals
        let adjusted = try ClosedMonthStore.adjustedAmounts(db, for: month)
        let adjustedCounts = try ClosedMonthStore.adjustedGenerations(db, for: month)
        let orgs = Set(liveTotals.keys).union(issuedTotals.keys).union(adjusted.keys).sorted()
        var found: [Adjustment] = []
        for org in orgs {
            let amount = (liveTotals[org] ?? 0) - (issuedTotals[org] ?? 0) - (adjusted[org] ?? 0)
            guard amount != 0 else { continue }
            var counts: [APIVersion: Int] = [:]
            for version in APIVersion.allCases {
                let now = live.generations[org]?[version] ?? 0
                let before = (closed.generations[org]?[version] ?? 0) + (adjustedCounts[org]?[version] ?? 0)
                if now != before { counts[version] = now - before }
            }
            found.append(Adjustment(adjustsMonth: month, orgId: org, generations: counts, amount: amount))
        }
        return found
    }

    /// `statements` with each org's adjustments added before its total. An
    /// org with adjustments but no statement this month gets one that holds
    /// only them (no minimum top-up, fee or discount: it has neither records
    /// nor a listed plan this month, so no statement of its own), on the plan
    /// in force this month, else `none`.
    static func apply(_ adjustments: [Adjustment], to statements: [Statement], month: String, rules: PricingRules) -> [Statement] {
        guard !adjustments.isEmpty else { return statements }
        let byOrg = Dictionary(grouping: adjustments, by: \.orgId)
        var result = statements.map { statement in
            statement.adding(adjustments: (byOrg[statement.orgId] ?? []).map(\.line))
        }
        let present = Set(statements.map(\.orgId))
        for (org, orgAdjustments) in byOrg where !present.contains(org) {
            let plan = rules.planName(forOrg: org, month: month) ?? "none"
            let empty = Statement(month: month, orgId: org, planName: plan,
                                  lines: [InvoiceLine(kind: .total, version: nil, description: "total", quantity: 0, unitPrice: nil, amount: 0)],
                                  subtotal: 0, minimumTopUp: 0, total: 0)
            result.append(empty.adding(adjustments: orgAdjustments.map(\.line)))
        }
        return result.sorted { $0.orgId < $1.orgId }
    }
}
