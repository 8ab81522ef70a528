import GRDB

/// Reads a month's ``MonthData`` from the ledger, in one read transaction so
/// that every figure comes from the same state of the database.
public struct MonthDataLoader {
    let ledger: LedgerDatabase

    public init(ledger: LedgerDatabase) {
        self.ledger = ledger
    }

    public func load(month: String) throws -> MonthData {
        try ledger.queue.read { db in
            let usage = try Row.fetchAll(db, sql: """
                SELECT org_id, version, generations FROM monthly_usage WHERE month = ? ORDER BY org_id, version
                """, arguments: [month]).map {
                MonthData.Usage(orgId: $0["org_id"], version: APIVersion(rawValue: $0["version"]) ?? .v1, generations: $0["generations"])
            }
            let activeOrgs = try String.fetchAll(db, sql: """
                SELECT org_id FROM response_records WHERE month = ?1
                UNION SELECT org_id FROM request_attempts WHERE month = ?1
                ORDER BY org_id
                """, arguments: [month])
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
            var billedTimes: [String: [String]] = [:]
            let orgsWith402 = Set(events.map(\.orgId))
            for org in orgsWith402.sorted() {
                billedTimes[org] = try String.fetchAll(db, sql: """
                    SELECT billed_at FROM billed_generations WHERE org_id = ? AND month = ? ORDER BY billed_at
                    """, arguments: [org, month])
            }
            return MonthData(
                month: month,
                usage: usage,
                activeOrgs: activeOrgs,
                events402: events,
                billedTimesByOrg: billedTimes,
                dailyGenerations: try dailyGenerations(db, month: month),
                anomalies: try anomalies(db, month: month),
                responseStatuses: try statusCounts(db, table: "response_records", withCode: true, month: month),
                attemptStatuses: try statusCounts(db, table: "request_attempts", withCode: false, month: month),
                rateLimited: try rateLimited(db, month: month),
                semanticTranslation: try percentiles(db, column: "semantic_translation_ms", month: month),
                providerLatency: try percentiles(db, column: "provider_latency_ms", month: month),
                rejects: try rejects(db, month: month),
                files: try files(db, month: month))
        }
    }

    private func dailyGenerations(_ db: Database, month: String) throws -> [(day: String, v1: Int, v2: Int)] {
        var counts: [String: (Int, Int)] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT substr(billed_at, 1, 10) AS day, sum(version = 'v1') AS v1, sum(version = 'v2') AS v2
            FROM billed_generations WHERE month = ? GROUP BY day
            """, arguments: [month]) {
            counts[row["day"]] = (row["v1"], row["v2"])
        }
        guard let (year, monthNumber) = MonthText.parse(month) else { return [] }
        return (1...Timestamp.daysIn(year: year, month: monthNumber)).map { day in
            let key = "\(month)-\(day < 10 ? "0" : "")\(day)"
            let (v1, v2) = counts[key] ?? (0, 0)
            return (key, v1, v2)
        }
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

    private func statusCounts(_ db: Database, table: String, withCode: Bool, month: String) throws -> [MonthData.StatusCount] {
        let code = withCode ? "error_code" : "NULL"
        return try Row.fetchAll(db, sql: """
            SELECT version, http_status, \(code) AS error_code, count(*) AS n
            FROM \(table) WHERE month = ?
            GROUP BY version, http_status, \(code)
            ORDER BY version, http_status, \(code)
            """, arguments: [month]).map {
            MonthData.StatusCount(version: $0["version"], httpStatus: $0["http_status"], errorCode: $0["error_code"], count: $0["n"])
        }
    }

    private func rateLimited(_ db: Database, month: String) throws -> (attempts: Int, retryAfter: MonthData.Percentiles, maxRetryAfter: Int?) {
        let attempts = try Int.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM request_attempts WHERE month = ?1 AND http_status = 429)
            """, arguments: [month]) ?? 0
        let values = try Int.fetchAll(db, sql: """
            SELECT retry_after_s FROM request_attempts
            WHERE month = ? AND http_status = 429 AND retry_after_s IS NOT NULL ORDER BY retry_after_s
            """, arguments: [month])
        return (attempts, Self.nearestRank(values), values.last)
    }

    /// v2 successes' latency columns.
    private func percentiles(_ db: Database, column: String, month: String) throws -> MonthData.Percentiles {
        let values = try Int.fetchAll(db, sql: """
            SELECT \(column) FROM response_records
            WHERE month = ? AND version = 'v2' AND http_status = 200 AND \(column) IS NOT NULL
            ORDER BY \(column)
            """, arguments: [month])
        return Self.nearestRank(values)
    }

    /// p50 and p95 by the nearest-rank method: the value at rank ⌈p·n⌉ of the sorted values.
    static func nearestRank(_ sorted: [Int]) -> MonthData.Percentiles {
        guard !sorted.isEmpty else { return MonthData.Percentiles(count: 0, p50: nil, p95: nil) }
        func rank(_ percent: Int) -> Int { sorted[max(1, (percent * sorted.count + 99) / 100) - 1] }
        return MonthData.Percentiles(count: sorted.count, p50: rank(50), p95: rank(95))
    }

    /// Files that hold any record of the month.
    private static let monthFiles = """
        SELECT file_id FROM response_records WHERE month = ?1
        UNION SELECT file_id FROM request_attempts WHERE month = ?1
        """

    private func rejects(_ db: Database, month: String) throws -> [MonthData.RejectCount] {
        try Row.fetchAll(db, sql: """
            SELECT reason, count(*) AS n FROM rejected_lines
            WHERE file_id IN (\(Self.monthFiles))
            GROUP BY reason ORDER BY n DESC, reason
            """, arguments: [month]).map { MonthData.RejectCount(reason: $0["reason"], count: $0["n"]) }
    }

    private func files(_ db: Database, month: String) throws -> [MonthData.SourceFile] {
        try Row.fetchAll(db, sql: """
            SELECT path, sha256, lines_read, accepted, duplicates, rejected FROM ingested_files
            WHERE id IN (\(Self.monthFiles))
            ORDER BY path, sha256
            """, arguments: [month]).map {
            MonthData.SourceFile(path: $0["path"], sha256: $0["sha256"], linesRead: $0["lines_read"],
                                 accepted: $0["accepted"], duplicates: $0["duplicates"], rejected: $0["rejected"])
        }
    }
}

/// `YYYY-MM` month text: the form months take on the command line and in the ledger.
public enum MonthText {
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
