import Foundation
import GRDB

/// Fills `org_time_zones` and `month_bounds` (migration 0009) from a pricing
/// file, so that the views `billed_generations_local` and
/// `monthly_usage_local` count each org's local months as the report does.
///
/// What was recorded before is replaced: the tables always say what one
/// pricing file says. `close` records the pricing it closes with (in its own
/// transaction); `axis-ledger pricing zones FILE` records one on demand.
public enum LocalMonthTables {
    /// The months each zone gets bounds for, inclusive: every month a ledger
    /// of this century can hold.
    static let firstYear = 2000, lastYear = 2099

    /// What one recording did.
    public struct Recorded: Sendable, Equatable {
        /// The zoned orgs, by org id, each with its zone.
        public var orgs: [OrgZone]
        /// The distinct zones, sorted.
        public var zones: [String]
        /// Rows in month_bounds.
        public var months: Int
    }

    public struct OrgZone: Sendable, Equatable {
        public var orgId: String
        public var timeZone: String
    }

    /// Replaces both tables with `rules`' zoned orgs and their zones' months,
    /// inside a transaction the caller holds.
    static func record(_ db: Database, rules: PricingRules, at recordedAt: String) throws {
        try db.execute(sql: "DELETE FROM org_time_zones")
        try db.execute(sql: "DELETE FROM month_bounds")
        let zoned = rules.orgTimeZones.sorted { $0.key < $1.key }
        for (org, zone) in zoned {
            try db.execute(sql: "INSERT INTO org_time_zones (org_id, time_zone, pricing_file, recorded_at) VALUES (?, ?, ?, ?)",
                           arguments: [org, zone.identifier, rules.fileName, recordedAt])
        }
        let zones = Set(zoned.map { $0.value.identifier }).sorted()
        let insert = try db.cachedStatement(sql: "INSERT INTO month_bounds (time_zone, month, starts_at, ends_at) VALUES (?, ?, ?, ?)")
        for name in zones {
            guard let zone = TimeZone(identifier: name) else { continue }
            for year in firstYear...lastYear {
                for number in 1...12 {
                    guard let local = LocalMonth(month: String(format: "%04d-%02d", year, number), in: zone) else { continue }
                    try insert.execute(arguments: [name, local.month, local.storedStart, local.storedEnd])
                }
            }
        }
    }

    /// Records `rules` in the ledger in a transaction of its own.
    @discardableResult
    public static func record(ledger: LedgerDatabase, rules: PricingRules, now: Date = Date()) throws -> Recorded {
        try ledger.queue.write { db in
            try record(db, rules: rules, at: MonthCloser.timeText(now))
            return try recorded(db)
        }
    }

    /// What the tables hold now.
    static func recorded(_ db: Database) throws -> Recorded {
        let orgs = try Row.fetchAll(db, sql: "SELECT org_id, time_zone FROM org_time_zones ORDER BY org_id").map {
            OrgZone(orgId: $0["org_id"], timeZone: $0["time_zone"])
        }
        let zones = try String.fetchAll(db, sql: "SELECT DISTINCT time_zone FROM month_bounds ORDER BY time_zone")
        let months = try Int.fetchOne(db, sql: "SELECT count(*) FROM month_bounds") ?? 0
        return Recorded(orgs: orgs, zones: zones, months: months)
    }
}

extension PricingRules {
    /// The orgs with their own time zone (`timezone:` under the org), by org id.
    public var orgTimeZones: [String: TimeZone] { orgTerms.compactMapValues(\.timeZone) }

    /// The latest instant at which `month` has ended in every org's zone (UTC
    /// for orgs without one): when it can be closed. The zone named is the
    /// one where it ends last (`UTC` when no zone ends later).
    public func monthEndInEveryZone(_ month: String) -> (end: String, zone: String)? {
        guard let utc = TimeZone(identifier: "UTC"), let utcMonth = LocalMonth(month: month, in: utc) else { return nil }
        var latest = (end: utcMonth.end, zone: "UTC")
        for zone in Set(orgTimeZones.values.map(\.identifier)).sorted() {
            guard let timeZone = TimeZone(identifier: zone), let local = LocalMonth(month: month, in: timeZone) else { continue }
            if local.end > latest.end { latest = (local.end, zone) }
        }
        return latest
    }
}
