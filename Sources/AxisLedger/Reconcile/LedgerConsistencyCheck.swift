import GRDB

/// Findings about our own logs, without the provider: a request-log 200 whose
/// response record never reached the ledger, and a successful response record
/// with no request-log 200. Each side is only checked for an org and month
/// where the other side was ingested at all, so a ledger fed response records
/// alone has no findings. Records are matched on org and Idempotency-Key
/// (replays and retries share it); records without a key cannot be matched and
/// are left out. The keys on each side are gathered once and joined (SQLite
/// indexes the gathered set), so a month of millions of records is a few passes.
public enum LedgerConsistencyCheck {
    public static func findings(ledger: LedgerDatabase, month: String) throws -> [ReconciliationDiscrepancy] {
        try ledger.queue.read { db in
            var found: [ReconciliationDiscrepancy] = []
            for row in try Row.fetchAll(db, sql: """
                WITH answered AS MATERIALIZED (
                    SELECT DISTINCT org_id, idempotency_key FROM live_response_records
                    WHERE http_status = 200 AND success = 1 AND idempotency_key IS NOT NULL
                )
                SELECT a.org_id, a.version, a.idempotency_key, a.occurred_at, f.path, a.line_number
                FROM live_request_attempts AS a JOIN ingested_files AS f ON f.id = a.file_id
                LEFT JOIN answered AS k ON k.org_id = a.org_id AND k.idempotency_key = a.idempotency_key
                WHERE a.month = ?1 AND a.http_status = 200 AND a.idempotency_key IS NOT NULL AND k.org_id IS NULL
                  AND a.org_id IN (SELECT org_id FROM live_response_records WHERE month = ?1)
                ORDER BY a.id
                """, arguments: [month]) {
                found.append(ReconciliationDiscrepancy(
                    kind: .lostResponseRecord, orgId: row["org_id"], version: row["version"], reference: row["idempotency_key"],
                    ledger: .text("request-log 200 at \(row["occurred_at"] as String)"), provider: .none,
                    detail: "\(row["path"] as String):\(row["line_number"] as Int); no successful response record with this key"))
            }
            for row in try Row.fetchAll(db, sql: """
                WITH attempted AS MATERIALIZED (
                    SELECT DISTINCT org_id, idempotency_key FROM live_request_attempts
                    WHERE http_status = 200 AND idempotency_key IS NOT NULL
                )
                SELECT r.org_id, r.version, r.idempotency_key, r.generation_id, r.occurred_at, f.path, r.line_number
                FROM live_response_records AS r JOIN ingested_files AS f ON f.id = r.file_id
                LEFT JOIN attempted AS k ON k.org_id = r.org_id AND k.idempotency_key = r.idempotency_key
                WHERE r.month = ?1 AND r.http_status = 200 AND r.success = 1 AND r.idempotency_key IS NOT NULL AND k.org_id IS NULL
                  AND r.org_id IN (SELECT org_id FROM live_request_attempts WHERE month = ?1)
                ORDER BY r.id
                """, arguments: [month]) {
                let generation: String? = row["generation_id"]
                found.append(ReconciliationDiscrepancy(
                    kind: .responseWithoutAttempt, orgId: row["org_id"], version: row["version"], reference: row["idempotency_key"],
                    ledger: .text("response 200 at \(row["occurred_at"] as String)\(generation.map { ", generation \($0)" } ?? "")"), provider: .none,
                    detail: "\(row["path"] as String):\(row["line_number"] as Int); no request-log 200 with this key"))
            }
            return found
        }
    }
}
