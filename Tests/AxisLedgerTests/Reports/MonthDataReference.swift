import GRDB
@testable import AxisLedger

/// The month's figures by the plainest SQL there is: the queries the report
/// ran before it was made fast (one pass per figure, sorts in SQL, every
/// billed time of an org read). Slow on a million records, obviously right,
/// and independent of ``MonthDataLoader``: the loader must agree with it.
enum MonthDataReference {
    static func statuses(_ db: Database, table: String, withCode: Bool, month: String) throws -> [MonthData.StatusCount] {
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

    static func activeOrgs(_ db: Database, month: String) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT org_id FROM response_records WHERE month = ?1
            UNION SELECT org_id FROM request_attempts WHERE month = ?1
            ORDER BY org_id
            """, arguments: [month])
    }

    /// The sorted values of a latency column over the month's v2 successes that carry it.
    static func latencies(_ db: Database, column: String, month: String) throws -> [Int] {
        try Int.fetchAll(db, sql: """
            SELECT \(column) FROM response_records
            WHERE month = ? AND version = 'v2' AND http_status = 200 AND \(column) IS NOT NULL
            ORDER BY \(column)
            """, arguments: [month])
    }

    /// Billed generations of the month by day (`YYYY-MM-DD`): [v1, v2]. Days without any are absent.
    static func dailyGenerations(_ db: Database, month: String) throws -> [String: [Int]] {
        var counts: [String: [Int]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT substr(billed_at, 1, 10) AS day, sum(version = 'v1') AS v1, sum(version = 'v2') AS v2
            FROM billed_generations WHERE month = ? GROUP BY day
            """, arguments: [month]) {
            counts[row["day"]] = [row["v1"], row["v2"]]
        }
        return counts
    }

    /// Every billed time of each org with a 402 in the month, sorted.
    static func billedTimes(_ db: Database, orgs: Set<String>, month: String) throws -> [String: [String]] {
        var times: [String: [String]] = [:]
        for org in orgs {
            times[org] = try String.fetchAll(db, sql: """
                SELECT billed_at FROM billed_generations WHERE org_id = ? AND month = ? ORDER BY billed_at
                """, arguments: [org, month])
        }
        return times
    }

    /// Files that hold any record of the month.
    static let monthFiles = """
        SELECT file_id FROM response_records WHERE month = ?1
        UNION SELECT file_id FROM request_attempts WHERE month = ?1
        """

    static func files(_ db: Database, month: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT path FROM ingested_files WHERE id IN (\(monthFiles)) ORDER BY path, sha256", arguments: [month])
    }

    static func rejects(_ db: Database, month: String) throws -> [MonthData.RejectCount] {
        try Row.fetchAll(db, sql: """
            SELECT reason, count(*) AS n FROM rejected_lines
            WHERE file_id IN (\(monthFiles))
            GROUP BY reason ORDER BY n DESC, reason
            """, arguments: [month]).map { MonthData.RejectCount(reason: $0["reason"], count: $0["n"]) }
    }
}
