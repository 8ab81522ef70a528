import Foundation
import GRDB

/// An org's prepaid credit balance when one of its 402 streaks began.
public struct CreditStreakBalance: Sendable, Equatable {
    public var orgId: String
    /// The time of the streak's first 402.
    public var streakStart: String
    /// What the org's grants in force held at the month's start.
    public var opening: Decimal
    /// What the generations billed in the month before the streak's start
    /// drew from it, at the plan's prices (their usage lines).
    public var drawn: Decimal
    /// `opening − drawn`: the balance when the streak began.
    public var balance: Decimal { opening - drawn }
}

/// The report's 402 section asks, for an org with credits: did it have
/// prepaid balance left when the API answered 402? This answers with the
/// ledger's balance at each streak's start.
enum CreditsAt402 {
    /// One row per streak of every org with grants and 402 events in the
    /// month, by org then time. The draw before a streak is the usage lines
    /// of the month's generations billed before the streak's first 402, rated
    /// as the statement rates them; the minimum top-up and the org-level lines
    /// are settled with the whole month's statement, so they are not drawn
    /// mid-month.
    static func balances(_ db: Database, month: String, rules: PricingRules, credits: [String: CreditMonth],
                         data: MonthData) throws -> [CreditStreakBalance] {
        guard !credits.isEmpty, !data.events402.isEmpty else { return [] }
        let rater = Rater(rules: rules)
        // Counted by request attribute (a version may be priced by a dimension), in the org's
        // own month: its local month when it has a zone (data.localMonths), else the UTC month.
        let countBefore = try db.cachedStatement(sql: """
            SELECT version, resolution, category, aspect_ratio, count(*) AS n FROM billed_generations
            WHERE month IN (?1, ?2, ?3) AND org_id = ?4 AND billed_at >= ?5 AND billed_at < ?6
            GROUP BY version, resolution, category, aspect_ratio
            """)
        var rows: [CreditStreakBalance] = []
        let byOrg = Dictionary(grouping: data.events402, by: \.orgId)
        for org in byOrg.keys.sorted() {
            guard let creditMonth = credits[org], let events = byOrg[org] else { continue }
            let times = events.map(\.occurredAt).sorted()
            let starts = Insufficient402Summary.streakStarts(eventTimes: times, billed: data.billedTimesByOrg[org] ?? [])
            let opening = creditMonth.opening
            for start in starts {
                let local = data.localMonths[org]
                let months = local?.utcMonths ?? [month, month, month]
                var billed = BilledUsage()
                for row in try Row.fetchAll(countBefore, arguments: [months[0], months[1], months[2], org, local?.storedStart ?? "", start]) {
                    guard let version = APIVersion(rawValue: row["version"]) else { continue }
                    let attributes = GenerationAttributes(resolution: row["resolution"], category: row["category"], aspectRatio: row["aspect_ratio"])
                    billed.counts[version, default: [:]][attributes, default: 0] += row["n"] as Int
                }
                var usage = Decimal(0)
                if !billed.counts.isEmpty, rules.planName(forOrg: org, month: month) != nil {
                    do {
                        usage = try rater.statement(month: month, orgId: org, usage: billed).usageLines
                            .reduce(Decimal(0)) { $0 + $1.amount }
                    } catch let error as PricingError {
                        throw ReportError.pricing(error)
                    }
                }
                rows.append(CreditStreakBalance(orgId: org, streakStart: start, opening: opening, drawn: min(opening, max(usage, 0))))
            }
        }
        return rows
    }
}
