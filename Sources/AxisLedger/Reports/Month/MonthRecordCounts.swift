import GRDB

/// A record table's month in counts: records by version, status and error
/// code, and the ids of the files that hold them.
///
/// Both come from one pass over the table's month index
/// (`…_by_month_org`), grouped in the index's own order, so SQLite counts as
/// it walks instead of sorting a million rows first; only the few groups
/// left are regrouped by version and status.
struct MonthRecordCounts {
    /// Records by version, status and code, ordered by version, status, code (SQL order, NULL code first).
    var statuses: [MonthData.StatusCount] = []
    /// `ingested_files.id` of every file with a record of the month.
    var fileIds: [Int64] = []

    enum Table {
        /// `response_records`, counted by error code too.
        case responses
        /// `request_attempts`, which have no error code.
        case attempts

        /// The pass over the month index: part 0 rows are status counts,
        /// part 1 rows file ids.
        var sql: String {
            // Live rows only (migrations/0005): a line of a voided file counts under the live file that also holds it.
            let (table, kind, code, codeKey) = switch self {
            case .responses: ("live_response_records", "response", "error_code", "error_code, ")
            case .attempts: ("live_request_attempts", "request", "NULL", "")
            }
            return """
                WITH groups AS MATERIALIZED (
                    SELECT version, http_status, \(code) AS error_code, file_id, count(*) AS n
                    FROM \(table) WHERE month = ?1
                    GROUP BY org_id, version, http_status, \(codeKey)file_id)
                SELECT 0 AS part, version, http_status, error_code, NULL AS file_id, sum(n) AS n
                FROM groups GROUP BY version, http_status, error_code
                UNION ALL
                SELECT 1, NULL, NULL, NULL, file_id, NULL FROM (
                    SELECT file_id FROM groups WHERE file_id NOT IN (SELECT file_id FROM voided_files)
                    UNION
                    SELECT m.file_id FROM relocated_lines AS m JOIN \(table) AS r ON r.id = m.record_id
                    WHERE m.kind = '\(kind)' AND r.month = ?1)
                ORDER BY 1, 2, 3, 4, 5
                """
        }
    }

    init(_ db: Database, table: Table, month: String) throws {
        for row in try Row.fetchAll(db, sql: table.sql, arguments: [month]) {
            if row["part"] == 0 {
                statuses.append(MonthData.StatusCount(version: row["version"], httpStatus: row["http_status"],
                                                      errorCode: row["error_code"], count: row["n"]))
            } else {
                fileIds.append(row["file_id"])
            }
        }
    }
}
