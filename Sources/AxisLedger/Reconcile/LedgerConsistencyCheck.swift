import GRDB

/// Findings about our own logs, without the provider: a request-log 200 whose
/// response record never reached the ledger, and a successful response record
/// with no request-log 200. Each side is only checked for an org and month
/// where the other side was ingested at all, so a ledger fed response records
/// alone has no findings. Records are matched on org and Idempotency-Key
/// (replays and retries share it); records without a key cannot be matched and
/// are left out.
public enum LedgerConsistencyCheck {
    public static func findings(ledger: LedgerDatabase, month: String) throws -> [ReconciliationDiscrepancy] {
        try ledger.queue.read { db in
            var found: [ReconciliationDiscrepancy] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT a.org_id, a.version, a.idempotency_key, a.occurred_at, f.path, a.line_number
                FROM request_attempts AS a JOIN ingested_files AS f ON f.id = a.file_id
                WHERE a.month = ?1 AND a.http_status = 200 AND a.idempotency_key IS NOT NULL
                  AND EXISTS (SELECT 1 FROM response_records AS same_org WHERE same_org.month = ?1 AND same_org.org_id = a.org_id)
                  AND NOT EXISTS (SELECT 1 FROM response_records AS r
                                  WHERE r.idempotency_key = a.idempotency_key AND r.org_id = a.org_id
                                    AND r.http_status = 200 AND r.success = 1)
                """, arguments: [month]) {
                found.append(ReconciliationDiscrepancy(
                    kind: .lostResponseRecord, orgId: row["org_id"], version: row["version"], reference: row["idempotency_key"],
                    ledger: .text("request-log 200 at \(row["occurred_at"] as String)"), provider: .none,
                    detail: "\(row["path"] as String):\(row["line_number"] as Int); no successful response record with this key"))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT r.org_id, r.version, r.idempotency_key, r.generation_id, r.occurred_at, f.path, r.line_number
                FROM response_records AS r JOIN ingested_files AS f ON f.id = r.file_id
                WHERE r.month = ?1 AND r.http_status = 200 AND r.success = 1 AND r.idempotency_key IS NOT NULL
                  AND EXISTS (SELECT 1 FROM request_attempts AS same_org WHERE same_org.month = ?1 AND same_org.org_id = r.org_id)
                  AND NOT EXISTS (SELECT 1 FROM request_attempts AS a
                                  WHERE a.idempotency_key = r.idempotency_key AND a.org_id = r.org_id AND a.http_status = 200)
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
