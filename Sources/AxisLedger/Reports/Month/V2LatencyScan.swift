import GRDB
import GRDBSQLite

/// The month's v2 latency values, both measures from one pass over the
/// month index.
///
/// The index holds both latency columns (migrations/0003_report_speed.sql),
/// so the pass never reads the records themselves; a month of a million
/// records has about 600,000 v2 successes, and each was once a lookup into
/// the table. The index is walked one org at a time, so only the v2 status-200
/// entries are visited, and rows are stepped through SQLite's C API: boxing
/// 600,000 rows into GRDB rows cost more than SQLite's own work.
struct V2LatencyScan {
    /// One org's v2 status-200 records of the month: a single range of the index.
    static let sql = """
        SELECT semantic_translation_ms, provider_latency_ms FROM live_response_records
        WHERE month = ?1 AND org_id = ?2 AND version = 'v2' AND http_status = 200
        """

    /// `semanticTranslationMs` of the month's v2 successes that carry it, in no particular order.
    var semanticTranslation: [Int] = []
    /// `providerLatencyMs` of the month's v2 successes that carry it, in no particular order.
    var providerLatency: [Int] = []

    /// Reads both measures of `month`.
    /// - Parameter orgs: every org with a response record in the month (more do no harm).
    init(_ db: Database, month: String, orgs: [String]) throws {
        // Kept in a constant: the binder holds only SQLite's pointer, which
        // the statement finalizes when it goes away.
        let statement = try db.makeStatement(sql: Self.sql)
        let binder = ParameterBinder(statement, in: db)
        let query = binder.statement
        defer { withExtendedLifetime(statement) { _ = sqlite3_reset(query) } }
        for org in orgs {
            sqlite3_reset(query)
            binder.bind(1, month)
            binder.bind(2, org)
            while true {
                let code = sqlite3_step(query)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                        message: String(cString: sqlite3_errmsg(binder.connection)), sql: Self.sql)
                }
                if sqlite3_column_type(query, 0) != SQLITE_NULL { semanticTranslation.append(Int(sqlite3_column_int64(query, 0))) }
                if sqlite3_column_type(query, 1) != SQLITE_NULL { providerLatency.append(Int(sqlite3_column_int64(query, 1))) }
            }
        }
    }
}
