import Foundation
import GRDB

/// Reads a month's ``MonthData`` from the ledger, in one read transaction so
/// that every figure comes from the same state of the database.
public struct MonthDataLoader {
    let ledger: LedgerDatabase

    public init(ledger: LedgerDatabase) {
        self.ledger = ledger
    }

    /// - Parameters:
    ///   - attributes: also count the billed generations by request attribute
    ///     (``MonthData/usageByAttributes``), which pricing by a dimension needs.
    ///   - zones: the orgs billed by their local month, with their zone
    ///     (``PricingRules/orgTimeZones``); every other org's month is UTC.
    public func load(month: String, attributes: Bool = false, zones: [String: TimeZone] = [:]) throws -> MonthData {
        try ledger.queue.read { db in try load(db, month: month, attributes: attributes, zones: zones) }
    }

    /// The month's data inside a transaction the caller holds (`close` reads
    /// it in the transaction that records the month as closed).
    func load(_ db: Database, month: String, attributes: Bool = false, zones: [String: TimeZone] = [:]) throws -> MonthData {
        do {
            let usageRows = try Row.fetchAll(db, sql: """
                SELECT org_id, version, generations FROM monthly_usage WHERE month = ? ORDER BY org_id, version
                """, arguments: [month])
            let usage = usageRows.map {
                MonthData.Usage(orgId: $0["org_id"], version: APIVersion(rawValue: $0["version"]) ?? .v1, generations: $0["generations"])
            }
            // The org and version pairs billed in the month, the version as stored.
            let billedPairs = usageRows.map { BilledPair(orgId: $0["org_id"], version: $0["version"]) }
            let events = try Row.fetchAll(db, sql: """
                SELECT org_id, version, occurred_at, request_id, idempotency_key, source_file, source_line
                FROM events_402 WHERE month = ?
                ORDER BY occurred_at, org_id, source_file, source_line
                """, arguments: [month]).map {
                MonthData.Event402(orgId: $0["org_id"], version: APIVersion(rawValue: $0["version"]) ?? .v1,
                                   occurredAt: $0["occurred_at"], requestId: $0["request_id"],
                                   idempotencyKey: $0["idempotency_key"], sourceFile: $0["source_file"],
                                   sourceLine: $0["source_line"])
            }
            let responses = try MonthRecordCounts(db, table: .responses, month: month)
            let attempts = try MonthRecordCounts(db, table: .attempts, month: month)
            let fileIds = Set(responses.fileIds).union(attempts.fileIds).sorted()
            let activeOrgs = try activeOrgs(db, month: month)
            let latency = try V2LatencyScan(db, month: month, orgs: activeOrgs)
            let daily = try dailyGenerations(db, billedPairs: billedPairs, month: month)
            var data = try applyingLocalMonths(MonthData(
                month: month,
                usage: usage,
                activeOrgs: activeOrgs,
                events402: events,
                billedTimesByOrg: try firstBilledTimesAfter(events, billedPairs: billedPairs, db, month: month),
                dailyGenerations: daily.month,
                anomalies: try anomalies(db, month: month),
                responseStatuses: responses.statuses,
                attemptStatuses: attempts.statuses,
                rateLimited: try rateLimited(db, month: month),
                semanticTranslation: NearestRank.percentiles(unsorted: latency.semanticTranslation),
                providerLatency: NearestRank.percentiles(unsorted: latency.providerLatency),
                rejects: try rejects(db, fileIds: fileIds),
                files: try files(db, fileIds: fileIds),
                dailyGenerationsByOrg: daily.byOrg), db, zones: zones)
            if attributes { data.usageByAttributes = try attributeCounts(db, month: month, zones: zones) }
            return data
        }
    }

    /// An org and a version, as stored, with billed generations in the month.
    private struct BilledPair {
        var orgId: String
        var version: String
    }

    /// Orgs with a record of the month, in SQL order. Each table's distinct
    /// orgs are found by seeking its month index from one org to the next:
    /// one lookup per org instead of a pass over every record.
    func activeOrgs(_ db: Database, month: String) throws -> [String] {
        try String.fetchAll(db, sql: """
            WITH RECURSIVE
            responding(org) AS (
                SELECT (SELECT min(org_id) FROM live_response_records WHERE month = ?1)
                UNION ALL
                SELECT (SELECT min(org_id) FROM live_response_records WHERE month = ?1 AND org_id > responding.org)
                FROM responding WHERE responding.org IS NOT NULL),
            attempting(org) AS (
                SELECT (SELECT min(org_id) FROM live_request_attempts WHERE month = ?1)
                UNION ALL
                SELECT (SELECT min(org_id) FROM live_request_attempts WHERE month = ?1 AND org_id > attempting.org)
                FROM attempting WHERE attempting.org IS NOT NULL)
            SELECT org FROM responding WHERE org IS NOT NULL
            UNION SELECT org FROM attempting WHERE org IS NOT NULL
            ORDER BY 1
            """, arguments: [month])
    }

    /// The billed times the 402 summary needs: for each org with 402 events,
    /// its first billed time of each version after each of its event times,
    /// sorted.
    ///
    /// ``Insufficient402Summary`` asks of an org's billed times only whether
    /// one falls between two of its events and which comes first after its
    /// last event. The first billed time after each event answers both
    /// exactly as the full list does, and costs one index seek per event and
    /// version instead of reading every billed time of the org (hundreds of
    /// thousands for a large org).
    private func firstBilledTimesAfter(_ events: [MonthData.Event402], billedPairs: [BilledPair],
                                       _ db: Database, month: String) throws -> [String: [String]] {
        let firstAfter = try db.cachedStatement(sql: """
            SELECT min(billed_at) FROM billed_generations
            WHERE month = ?1 AND org_id = ?2 AND version = ?3 AND billed_at > ?4
            """)
        var times: [String: [String]] = [:]
        for (org, orgEvents) in Dictionary(grouping: events, by: \.orgId) {
            var found: Set<String> = []
            for pair in billedPairs where pair.orgId == org {
                for eventTime in Set(orgEvents.map(\.occurredAt)) {
                    if let billed = try String.fetchOne(firstAfter, arguments: [month, org, pair.version, eventTime]) {
                        found.insert(billed)
                    }
                }
            }
            times[org] = found.sorted()
        }
        return times
    }

    /// Billed generations per UTC day, every day of the month. Counted per
    /// org, version and day as ranges of the month index, which is ordered
    /// by billing time within an org and version: no sort of the month's
    /// rows, and a billed time outside the month's days is not counted.
    /// Also gives each org's total per day (v1 and v2 added), from the same counts.
    private func dailyGenerations(_ db: Database, billedPairs: [BilledPair], month: String) throws
        -> (month: [(day: String, v1: Int, v2: Int)], byOrg: [String: [Int]]) {
        guard let (year, monthNumber) = MonthText.parse(month) else { return ([], [:]) }
        let days = Timestamp.daysIn(year: year, month: monthNumber)
        var byOrg: [String: [Int]] = [:]
        let countInRange = try db.cachedStatement(sql: """
            SELECT count(*) FROM billed_generations
            WHERE month = ?1 AND org_id = ?2 AND version = ?3 AND billed_at >= ?4 AND billed_at < ?5
            """)
        let perDay: [(day: String, v1: Int, v2: Int)] = try (1...days).map { day in
            let key = "\(month)-\(day < 10 ? "0" : "")\(day)"
            // The texts that start with `key` are exactly those from `key` up to,
            // not including, `key` with its last digit raised by one.
            var bytes = Array(key.utf8)
            bytes[bytes.count - 1] += 1
            let end = String(decoding: bytes, as: UTF8.self)
            var v1 = 0, v2 = 0
            for pair in billedPairs where pair.version == "v1" || pair.version == "v2" {
                let n = try Int.fetchOne(countInRange, arguments: [month, pair.orgId, pair.version, key, end]) ?? 0
                if pair.version == "v1" { v1 += n } else { v2 += n }
                byOrg[pair.orgId, default: Array(repeating: 0, count: days)][day - 1] += n
            }
            return (key, v1, v2)
        }
        return (perDay, byOrg)
    }

    private func anomalies(_ db: Database, month: String) throws -> [MonthData.Anomaly] {
        try Row.fetchAll(db, sql: """
            SELECT kind, org_id, version, generation_id, request_id, occurred_at, detail
            FROM billing_anomalies WHERE month = ?
            ORDER BY kind, org_id, version, generation_id, occurred_at, request_id
            """, arguments: [month]).map {
            MonthData.Anomaly(kind: $0["kind"], orgId: $0["org_id"], version: $0["version"], generationId: $0["generation_id"],
                              requestId: $0["request_id"], occurredAt: $0["occurred_at"], detail: $0["detail"])
        }
    }

    private func rateLimited(_ db: Database, month: String) throws -> (attempts: Int, retryAfter: MonthData.Percentiles, maxRetryAfter: Int?) {
        let attempts = try Int.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM live_request_attempts WHERE month = ?1 AND http_status = 429)
            """, arguments: [month]) ?? 0
        let values = try Int.fetchAll(db, sql: """
            SELECT retry_after_s FROM live_request_attempts
            WHERE month = ? AND http_status = 429 AND retry_after_s IS NOT NULL ORDER BY retry_after_s
            """, arguments: [month])
        return (attempts, NearestRank.percentiles(sorted: values), values.last)
    }

    /// `fileIds` as a JSON array, for `IN (SELECT value FROM json_each(?))`.
    private static func jsonArray(_ fileIds: [Int64]) -> String {
        "[" + fileIds.map(String.init).joined(separator: ",") + "]"
    }

    /// Rejected lines of the files that hold the month's records, by reason.
    private func rejects(_ db: Database, fileIds: [Int64]) throws -> [MonthData.RejectCount] {
        try Row.fetchAll(db, sql: """
            SELECT reason, count(*) AS n FROM (
                SELECT reason FROM rejected_lines
                WHERE file_id IN (SELECT value FROM json_each(?1)) AND file_id NOT IN (SELECT file_id FROM voided_files)
                UNION ALL
                SELECT j.reason FROM relocated_lines AS m JOIN rejected_lines AS j ON j.id = m.record_id
                WHERE m.kind = 'reject' AND m.file_id IN (SELECT value FROM json_each(?1)))
            GROUP BY reason ORDER BY n DESC, reason
            """, arguments: [Self.jsonArray(fileIds)]).map { MonthData.RejectCount(reason: $0["reason"], count: $0["n"]) }
    }

    private func files(_ db: Database, fileIds: [Int64]) throws -> [MonthData.SourceFile] {
        try Row.fetchAll(db, sql: """
            SELECT path, sha256, lines_read, accepted, duplicates, rejected FROM ingested_files
            WHERE id IN (SELECT value FROM json_each(?))
            ORDER BY path, sha256
            """, arguments: [Self.jsonArray(fileIds)]).map {
            MonthData.SourceFile(path: $0["path"], sha256: $0["sha256"], linesRead: $0["lines_read"],
                                 accepted: $0["accepted"], duplicates: $0["duplicates"], rejected: $0["rejected"])
        }
    }
}

/// `YYYY-MM` month text: the form months take on the command line and in the ledger.
public enum MonthText {
    /// The month's UTC bounds as RFC 3339 texts: its first instant and the
    /// first instant of the next month (the end is not part of the month).
    public static func bounds(_ text: String) -> (start: String, end: String)? {
        guard let (year, month) = parse(text) else { return nil }
        let (nextYear, nextMonth) = month == 12 ? (year + 1, 1) : (year, month + 1)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        func four(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
        return ("\(four(year))-\(two(month))-01T00:00:00Z", "\(four(nextYear))-\(two(nextMonth))-01T00:00:00Z")
    }

    /// The year and month of `YYYY-MM`, or nil when the text is not a valid month.
    public static func parse(_ text: String) -> (year: Int, month: Int)? {
        let bytes = Array(text.utf8)
        guard bytes.count == 7, bytes[4] == UInt8(ascii: "-"),
              bytes.enumerated().allSatisfy({ $0.offset == 4 || (0x30...0x39).contains($0.element) }),
              let year = Int(text.prefix(4)), let month = Int(text.suffix(2)), (1...12).contains(month)
        else { return nil }
        return (year, month)
    }
}
