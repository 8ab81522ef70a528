import Foundation
import GRDB

/// An org with its own time zone is billed for its local month
/// (docs/pricing.md, "Time zones"): its usage, its 402 events, whether it was
/// active and its generations per day are counted between the local month's
/// UTC bounds instead of by the ledger's UTC `month` column. Each count seeks
/// the UTC months the local month overlaps in the month index and filters on
/// the bounds, so SQL still does the counting, over the same views.
extension MonthDataLoader {
    /// The org's billed generations by version in its local month, the version as stored.
    func localUsage(_ db: Database, orgId: String, local: LocalMonth) throws -> [(version: String, generations: Int)] {
        let months = local.utcMonths
        return try Row.fetchAll(db, sql: """
            SELECT version, count(*) AS generations FROM billed_generations
            WHERE month IN (?1, ?2, ?3) AND org_id = ?4 AND billed_at >= ?5 AND billed_at < ?6
            GROUP BY version ORDER BY version
            """, arguments: [months[0], months[1], months[2], orgId, local.storedStart, local.storedEnd]).map {
            (version: $0["version"], generations: $0["generations"])
        }
    }

    /// The org's 402 events in its local month.
    func localEvents402(_ db: Database, orgId: String, local: LocalMonth) throws -> [MonthData.Event402] {
        let months = local.utcMonths
        return try Row.fetchAll(db, sql: """
            SELECT org_id, version, occurred_at, request_id, idempotency_key, source_file, source_line
            FROM events_402 WHERE month IN (?1, ?2, ?3) AND org_id = ?4 AND occurred_at >= ?5 AND occurred_at < ?6
            ORDER BY occurred_at, org_id, source_file, source_line
            """, arguments: [months[0], months[1], months[2], orgId, local.storedStart, local.storedEnd]).map {
            MonthData.Event402(orgId: $0["org_id"], version: APIVersion(rawValue: $0["version"]) ?? .v1,
                               occurredAt: $0["occurred_at"], requestId: $0["request_id"],
                               idempotencyKey: $0["idempotency_key"], sourceFile: $0["source_file"],
                               sourceLine: $0["source_line"])
        }
    }

    /// Whether the org has any live record (response or request log) in its local month.
    func isActive(_ db: Database, orgId: String, local: LocalMonth) throws -> Bool {
        let months = local.utcMonths
        return try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM live_response_records
                           WHERE month IN (?1, ?2, ?3) AND org_id = ?4 AND occurred_at >= ?5 AND occurred_at < ?6)
                OR EXISTS (SELECT 1 FROM live_request_attempts
                           WHERE month IN (?1, ?2, ?3) AND org_id = ?4 AND occurred_at >= ?5 AND occurred_at < ?6)
            """, arguments: [months[0], months[1], months[2], orgId, local.storedStart, local.storedEnd]) ?? false
    }

    /// As ``firstBilledTimesAfter`` does for a UTC month: the org's first
    /// billed time of each version after each of its event times, within its local month, sorted.
    func localFirstBilledTimesAfter(_ events: [MonthData.Event402], versions: [String], _ db: Database,
                                    orgId: String, local: LocalMonth) throws -> [String] {
        let months = local.utcMonths
        let firstAfter = try db.cachedStatement(sql: """
            SELECT min(billed_at) FROM billed_generations
            WHERE month IN (?1, ?2, ?3) AND org_id = ?4 AND version = ?5 AND billed_at > ?6 AND billed_at >= ?7 AND billed_at < ?8
            """)
        var found: Set<String> = []
        for version in versions {
            for eventTime in Set(events.map(\.occurredAt)) {
                if let billed = try String.fetchOne(firstAfter, arguments: [months[0], months[1], months[2], orgId, version, eventTime,
                                                                              local.storedStart, local.storedEnd]) {
                    found.insert(billed)
                }
            }
        }
        return found.sorted()
    }

    /// The org's billed generations (every version) per local day of its month: index 0 is the 1st.
    func localDailyGenerations(_ db: Database, orgId: String, local: LocalMonth, zone: TimeZone) throws -> [Int] {
        let months = local.utcMonths
        let countInRange = try db.cachedStatement(sql: """
            SELECT count(*) FROM billed_generations
            WHERE month IN (?1, ?2, ?3) AND org_id = ?4 AND billed_at >= ?5 AND billed_at < ?6
            """)
        return try local.days(in: zone).map { day in
            try Int.fetchOne(countInRange, arguments: [months[0], months[1], months[2], orgId, day.start, day.end]) ?? 0
        }
    }

    /// `data` (counted by UTC month) with every zoned org's figures replaced
    /// by those of its local month; orgs without a zone keep theirs exactly.
    func applyingLocalMonths(_ data: MonthData, _ db: Database, zones: [String: TimeZone]) throws -> MonthData {
        guard !zones.isEmpty else { return data }
        var data = data
        var usage = data.usage.filter { zones[$0.orgId] == nil }
        var events = data.events402.filter { zones[$0.orgId] == nil }
        var active = data.activeOrgs.filter { zones[$0] == nil }
        for (org, zone) in zones.sorted(by: { $0.key < $1.key }) {
            guard let local = LocalMonth(month: data.month, in: zone) else { continue }
            data.localMonths[org] = local
            let counts = try localUsage(db, orgId: org, local: local)
            usage += counts.map { MonthData.Usage(orgId: org, version: APIVersion(rawValue: $0.version) ?? .v1, generations: $0.generations) }
            let orgEvents = try localEvents402(db, orgId: org, local: local)
            events += orgEvents
            if try isActive(db, orgId: org, local: local) { active.append(org) }
            data.billedTimesByOrg[org] = orgEvents.isEmpty ? nil
                : try localFirstBilledTimesAfter(orgEvents, versions: counts.map(\.version), db, orgId: org, local: local)
            let daily = try localDailyGenerations(db, orgId: org, local: local, zone: zone)
            data.dailyGenerationsByOrg[org] = daily.contains { $0 > 0 } ? daily : nil
        }
        data.usage = usage.sorted { ($0.orgId, $0.version.rawValue) < ($1.orgId, $1.version.rawValue) }
        data.events402 = events.sorted {
            ($0.occurredAt, $0.orgId, $0.sourceFile, $0.sourceLine) < ($1.occurredAt, $1.orgId, $1.sourceFile, $1.sourceLine)
        }
        data.activeOrgs = active.sorted()
        return data
    }
}
