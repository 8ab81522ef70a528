/// Finds everything in the ledger that carries one id a person has in hand:
/// a generationId from a customer's complaint, a requestId from a 402, an
/// Idempotency-Key from their own logs.
///
/// One read-only query, run through ``QueryRunner`` like the `sql` command's,
/// so its rows print in the same formats and the same SQL (``sql(kinds:)``)
/// gives the same rows in the sqlite3 shell. Records are found through the
/// id lookup (`record_ids`, docs/schema.md "Looking up an id": one seek per
/// segment of at most 65,536 records, not a pass over the tables); the
/// billed generation by its key. Rejected lines, which have no columns, are
/// searched by their text: one pass over `rejected_lines`, which holds the
/// few lines that failed. Records and rejects of a
/// voided file are listed, marked `(voided: counts nowhere)` in `detail`;
/// the billed generation and the 402 events are the live ones, as
/// `billed_generations` and `events_402` give them.
public struct IdLookup {
    /// Which id columns to look in.
    public enum Kind: String, CaseIterable, Sendable {
        /// `generation_id` of response records (and the billed generation).
        case generation
        /// `request_id` of response records and request-log lines.
        case request
        /// `idempotency_key` of response records and request-log lines.
        case idempotencyKey = "idempotency-key"

        var column: String {
            switch self {
            case .generation: return "generation_id"
            case .request: return "request_id"
            case .idempotencyKey: return "idempotency_key"
            }
        }

        /// The kind an id's shape suggests: the API's `gen_…` and `req_…`
        /// prefixes, or a UUID (what clients usually send as Idempotency-Key).
        /// Only said in the output's `matched_as` column and help: every kind
        /// is searched unless `--kind` narrows it, since an integration may
        /// use any text as its Idempotency-Key.
        public static func suggested(by id: String) -> Kind? {
            if id.hasPrefix("gen_") { return .generation }
            if id.hasPrefix("req_") { return .request }
            if id.count == 36, id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12],
               id.allSatisfy({ $0 == "-" || $0.isHexDigit }) { return .idempotencyKey }
            return nil
        }
    }

    /// The result's columns, in order; documented in docs/queries.md.
    public static let columns = ["what", "matched_as", "file", "line", "occurred_at", "month", "org_id", "version",
                                 "http_status", "generation_id", "request_id", "idempotency_key", "detail"]

    let runner: QueryRunner

    public init(ledger: LedgerDatabase) {
        self.runner = QueryRunner(ledger: ledger)
    }

    /// Every record, reject, billed generation and 402 event carrying `id`
    /// in one of `kinds`' columns (rejects: anywhere in the line's text).
    public func find(_ id: String, kinds: [Kind] = Kind.allCases) throws -> QueryResult {
        // "id=" then the id as it is: the parameter text after the first "=" is taken whole.
        try runner.run(Self.sql(kinds: kinds), parameters: QueryParameters(arguments: ["id=" + id]))
    }

    /// The query `find` runs, with the id as the named parameter `:id`.
    public static func sql(kinds: [Kind] = Kind.allCases) -> String {
        let kinds = kinds.isEmpty ? Kind.allCases : kinds
        // The records come from the id lookup (`record_ids`, docs/schema.md), one seek per segment.
        func matches(_ table: String, _ columns: [Kind]) -> String {
            let searched = columns.filter(kinds.contains)
            guard !searched.isEmpty else { return "SELECT NULL AS matched_as, * FROM \(table) WHERE 0" }
            let which = searched.map { "WHEN \($0.column) = :id THEN '\($0.column)'" }.joined(separator: " ")
            let names = searched.map { "'\($0.column)'" }.joined(separator: ", ")
            return """
                SELECT CASE \(which) END AS matched_as, * FROM \(table)
                WHERE id IN (SELECT x.record_id FROM record_ids AS x
                             WHERE x.id = :id AND x.record_table = '\(table)' AND x.id_column IN (\(names)))
                """
        }
        // The records with a requestId of `event_requests`, from the lookup too.
        func carryingEventRequest(_ table: String) -> String {
            """
            id IN (SELECT x.record_id FROM record_ids AS x
                   WHERE x.id IN (SELECT request_id FROM event_requests) AND x.id_column = 'request_id' AND x.record_table = '\(table)')
            """
        }
        let candidates402 = """
            SELECT 0 AS source_rank, id, org_id, version, occurred_at, month, request_id, idempotency_key,
                   generation_id, file_id, line_number
            FROM live_response_records
            WHERE (http_status = 402 OR error_code = 'insufficient_balance') AND month > ''
            """
        let attempts402 = """
            SELECT 1, id, org_id, version, occurred_at, month, request_id, idempotency_key,
                   NULL, file_id, line_number
            FROM live_request_attempts
            WHERE http_status = 402 AND month > ''
            """
        return """
            WITH responses AS (
                \(matches("response_records", [.generation, .request, .idempotencyKey]))
            ),
            attempts AS (
                \(matches("request_attempts", [.request, .idempotencyKey]))
            ),
            -- 402 events as events_402 tells them: lines sharing a requestId are one event, told by the
            -- response record when there is one, else by the earliest line; found from the matched lines.
            event_requests AS (
                SELECT request_id FROM responses WHERE request_id IS NOT NULL
                UNION SELECT request_id FROM attempts WHERE request_id IS NOT NULL
            ),
            candidates AS (
                SELECT * FROM (\(candidates402) AND \(carryingEventRequest("response_records")))
                UNION ALL
                SELECT * FROM (\(attempts402) AND \(carryingEventRequest("request_attempts")))
                UNION ALL
                SELECT * FROM (\(candidates402)) WHERE request_id IS NULL AND id IN (SELECT id FROM responses)
                UNION ALL
                SELECT * FROM (\(attempts402)) WHERE request_id IS NULL AND id IN (SELECT id FROM attempts)
            ),
            events AS (
                SELECT * FROM (
                    SELECT candidates.*,
                           CASE WHEN request_id IS NULL THEN 1
                                ELSE row_number() OVER (PARTITION BY request_id ORDER BY source_rank, occurred_at, id)
                           END AS nth
                    FROM candidates)
                WHERE nth = 1
            ),
            found AS (
                SELECT 1 AS part, 'response_record' AS what, r.matched_as, f.path AS file, r.line_number AS line,
                       r.occurred_at, r.month, r.org_id, r.version, r.http_status, r.generation_id, r.request_id,
                       r.idempotency_key,
                       coalesce(r.error_code, CASE r.success WHEN 1 THEN 'success' WHEN 0 THEN 'success false' ELSE '' END)
                           || CASE WHEN EXISTS (SELECT 1 FROM live_response_records AS l WHERE l.id = r.id) THEN '' ELSE ' (voided: counts nowhere)' END AS detail
                FROM responses AS r JOIN ingested_files AS f ON f.id = r.file_id
                UNION ALL
                SELECT 2, 'request_attempt', a.matched_as, f.path, a.line_number, a.occurred_at, a.month, a.org_id,
                       a.version, a.http_status, NULL, a.request_id, a.idempotency_key,
                       coalesce(a.method, '') || CASE WHEN EXISTS (SELECT 1 FROM live_request_attempts AS l WHERE l.id = a.id) THEN '' ELSE ' (voided: counts nowhere)' END
                FROM attempts AS a JOIN ingested_files AS f ON f.id = a.file_id
                UNION ALL
                SELECT 3, 'billed_generation', 'generation_id', f.path, r.line_number, b.billed_at, b.month, b.org_id,
                       b.version, r.http_status, b.generation_id, r.request_id, r.idempotency_key,
                       'billed once, from this record'
                FROM billed_generation_firsts AS b
                JOIN response_records AS r ON r.id = b.record_id
                JOIN ingested_files AS f ON f.id = r.file_id
                WHERE b.generation_id IN (SELECT generation_id FROM responses WHERE generation_id IS NOT NULL)
                UNION ALL
                SELECT 4, 'event_402', CASE WHEN e.request_id = :id THEN 'request_id'
                                            WHEN e.idempotency_key = :id THEN 'idempotency_key'
                                            ELSE 'request_id of a matched line' END,
                       f.path, e.line_number, e.occurred_at, e.month, e.org_id, e.version, 402,
                       e.generation_id, e.request_id, e.idempotency_key,
                       CASE e.source_rank WHEN 0 THEN 'told by a response record' ELSE 'told by a request-log line' END
                FROM events AS e JOIN ingested_files AS f ON f.id = e.file_id
                UNION ALL
                SELECT 5, 'rejected_line', 'line text', f.path, j.line_number, NULL, NULL, NULL, NULL, NULL, NULL,
                       NULL, NULL,
                       j.reason || CASE WHEN EXISTS (SELECT 1 FROM live_rejected_lines AS l WHERE l.id = j.id) THEN '' ELSE ' (voided: counts nowhere)' END
                FROM rejected_lines AS j JOIN ingested_files AS f ON f.id = j.file_id
                WHERE instr(CAST(j.raw_line AS TEXT), :id) > 0
            )
            SELECT what, matched_as, file, line, occurred_at, month, org_id, version, http_status,
                   generation_id, request_id, idempotency_key, detail
            FROM found
            ORDER BY part, occurred_at, file, line, matched_as
            """
    }
}
