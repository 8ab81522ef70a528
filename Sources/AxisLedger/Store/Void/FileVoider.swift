import Foundation
import GRDB

/// Voids an ingested file, or undoes a void, in one transaction: a row of
/// `file_voids`, then billing rule 2 applied again to every generationId
/// the file touched (``BilledGenerationWriter/recomputeListed(_:)``).
///
/// Nothing is deleted from the record tables. From the void on, the file's
/// records and rejects count nowhere (the `live_*` views of
/// migrations/0005_voided_files.sql), except the lines another live file
/// also holds (`line_occurrences`): those are that file's lines now. A
/// process killed during a void leaves the file as it was: SQLite rolls the
/// unfinished transaction back.
public struct FileVoider {
    let ledger: LedgerDatabase

    public init(ledger: LedgerDatabase) {
        self.ledger = ledger
    }

    public enum Action: String, Sendable {
        case void
        case undo
    }

    /// What a void or undo did.
    public struct Outcome: Sendable, Equatable {
        public var fileId: Int64
        public var path: String
        public var action: Action
        /// As stored, secrets redacted; nil for an undo without one.
        public var reason: String?
        public var actedBy: String
        public var actedAt: String
        /// The file's stored lines: its own records and rejects, and the lines it repeats.
        public var lines: Int
        /// Of those, lines another live file also holds: they still count.
        public var keptByOtherFiles: Int
        /// GenerationIds with a billable record among the file's lines, whose billing was applied again.
        public var generationsRebilled: Int
        /// Of those, how many were billed before and after.
        public var billedBefore: Int
        public var billedAfter: Int
        /// Of those billed both before and after, how many are billed in another month, org or version now.
        public var moved: Int
        /// Files ingested before schema version 5 that counted duplicates without
        /// noting their lines: a line of this file they repeat is not known to be theirs.
        public var filesWithUnknownRepeats: [Int64]
        /// When the file is one part of a grown log read in several (schema version 10): which part.
        public var part: FilePart? = nil
    }

    /// One part of a log read in several parts, each its own file id (view `file_parts`).
    public struct FilePart: Sendable, Equatable {
        /// 1 for the part read whole.
        public var number: Int
        public var count: Int
        /// The physical lines it read (nil for the last line of a file ingested before schema version 10).
        public var firstLine: Int
        public var lastLine: Int?
        /// The other parts' file ids, in order, and which of them are voided now.
        public var otherParts: [Int64]
        public var otherPartsVoided: [Int64]
    }

    /// Who acts: `$USER`, else `$LOGNAME`, else the numeric uid.
    public static func actor(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        for name in ["USER", "LOGNAME"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty {
                return InputPath.redacted(value)
            }
        }
        return "uid \(getuid())"
    }

    /// Voids file `fileId`: refused when it is unknown or voided already, or `reason` is empty.
    public func void(fileId: Int64, reason: String, actor: String = FileVoider.actor()) throws -> Outcome {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw FileVoidError.missingReason }
        return try act(.void, fileId: fileId, reason: InputPath.redacted(reason), actor: actor)
    }

    /// Undoes the void of file `fileId`: refused when it is unknown or not voided.
    public func undo(fileId: Int64, reason: String? = nil, actor: String = FileVoider.actor()) throws -> Outcome {
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        return try act(.undo, fileId: fileId, reason: reason.flatMap { $0.isEmpty ? nil : InputPath.redacted($0) }, actor: actor)
    }

    private func act(_ action: Action, fileId: Int64, reason: String?, actor: String) throws -> Outcome {
        var outcome: Outcome?
        do {
            try ledger.queue.inTransaction(.immediate) { db in
                outcome = try act(action, fileId: fileId, reason: reason, actor: actor, db)
                return .commit
            }
        } catch let error as DatabaseError {
            throw LedgerError.database(path: ledger.path, message: DatabaseFailureAdvice.message(for: error, database: ledger.path))
        }
        return outcome!
    }

    private func act(_ action: Action, fileId: Int64, reason: String?, actor: String, _ db: Database) throws -> Outcome {
        guard let file = try Row.fetchOne(db, sql: """
            SELECT f.path, v.voided_at, v.voided_by, v.reason
            FROM ingested_files AS f LEFT JOIN voided_files AS v ON v.file_id = f.id
            WHERE f.id = ? AND f.sha256 NOT LIKE 'pending:%'
            """, arguments: [fileId]) else { throw FileVoidError.unknownFile(id: fileId) }
        let path: String = file["path"]
        let voidedAt: String? = file["voided_at"]
        switch (action, voidedAt) {
        case (.void, let at?):
            throw FileVoidError.alreadyVoided(id: fileId, path: path, at: at, by: file["voided_by"], reason: file["reason"] ?? "")
        case (.undo, nil):
            throw FileVoidError.notVoided(id: fileId, path: path)
        default:
            break
        }

        // The generationIds this file's lines carry, whose billing is applied again.
        try db.execute(sql: """
            INSERT OR IGNORE INTO billing_recompute (generation_id)
            SELECT generation_id FROM response_records
            WHERE file_id = ?1 AND http_status = 200 AND success = 1 AND generation_id <> ''
            UNION
            SELECT r.generation_id FROM line_occurrences AS o JOIN response_records AS r ON r.id = o.record_id
            WHERE o.file_id = ?1 AND o.kind = 'response' AND r.http_status = 200 AND r.success = 1 AND r.generation_id <> ''
            """, arguments: [fileId])
        try db.execute(sql: """
            CREATE TEMP TABLE void_billed_before AS
            SELECT generation_id, month, org_id, version FROM billed_generation_firsts
            WHERE generation_id IN (SELECT generation_id FROM billing_recompute)
            """)
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.void_billed_before") }

        let actedAt = try String.fetchOne(db, sql: "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')") ?? ""
        try db.execute(sql: """
            INSERT INTO file_voids (file_id, action, reason, acted_by, acted_at) VALUES (?, ?, ?, ?, ?)
            """, arguments: [fileId, action.rawValue, reason, actor, actedAt])
        try BilledGenerationWriter.recomputeListed(db)

        let billing = try Row.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM billing_recompute) AS touched,
                   (SELECT count(*) FROM temp.void_billed_before) AS before,
                   (SELECT count(*) FROM billed_generation_firsts WHERE generation_id IN (SELECT generation_id FROM billing_recompute)) AS after,
                   (SELECT count(*) FROM temp.void_billed_before AS b JOIN billed_generation_firsts AS f ON f.generation_id = b.generation_id
                    WHERE f.month <> b.month OR f.org_id <> b.org_id OR f.version <> b.version) AS moved
            """)!
        try db.execute(sql: "DELETE FROM billing_recompute")
        let lines = try Self.lines(of: fileId, db)
        let unknown = try Int64.fetchAll(db, sql: """
            SELECT id FROM ingested_files
            WHERE occurrences_known = 0 AND duplicates + rejected_known > 0 AND id <> ? ORDER BY id
            """, arguments: [fileId])
        return Outcome(fileId: fileId, path: path, action: action, reason: reason, actedBy: actor, actedAt: actedAt,
                       lines: lines.all, keptByOtherFiles: lines.keptElsewhere,
                       generationsRebilled: billing["touched"], billedBefore: billing["before"], billedAfter: billing["after"],
                       moved: billing["moved"], filesWithUnknownRepeats: unknown, part: try Self.part(of: fileId, db))
    }

    /// The part of a grown log the file is, when the log was read in more than one.
    static func part(of fileId: Int64, _ db: Database) throws -> FilePart? {
        let rows = try Row.fetchAll(db, sql: """
            SELECT q.file_id, q.part, q.first_line, q.last_line, q.file_id IN (SELECT file_id FROM voided_files) AS voided
            FROM file_parts AS p JOIN file_parts AS q ON q.log_id = p.log_id
            WHERE p.file_id = ? ORDER BY q.part
            """, arguments: [fileId])
        guard rows.count > 1, let mine = rows.first(where: { $0["file_id"] == fileId }) else { return nil }
        let others = rows.filter { $0["file_id"] != fileId }
        return FilePart(number: mine["part"], count: rows.count, firstLine: mine["first_line"], lastLine: mine["last_line"],
                        otherParts: others.map { $0["file_id"] }, otherPartsVoided: others.filter { $0["voided"] }.map { $0["file_id"] })
    }

    /// The file's stored lines (its own rows and the rows it repeats) and how
    /// many of them another live file also holds.
    private static func lines(of fileId: Int64, _ db: Database) throws -> (all: Int, keptElsewhere: Int) {
        let row = try Row.fetchOne(db, sql: """
            WITH own(kind, record_id) AS (
                SELECT 'response', id FROM response_records WHERE file_id = ?1
                UNION ALL SELECT 'request', id FROM request_attempts WHERE file_id = ?1
                UNION ALL SELECT 'reject', id FROM rejected_lines WHERE file_id = ?1
                UNION SELECT kind, record_id FROM line_occurrences WHERE file_id = ?1
            ),
            live_others AS (
                SELECT kind, record_id FROM line_occurrences
                WHERE file_id <> ?1 AND file_id NOT IN (SELECT file_id FROM voided_files)
                UNION
                SELECT 'response', id FROM response_records WHERE file_id <> ?1 AND file_id NOT IN (SELECT file_id FROM voided_files)
                    AND id IN (SELECT record_id FROM line_occurrences WHERE file_id = ?1 AND kind = 'response')
                UNION
                SELECT 'request', id FROM request_attempts WHERE file_id <> ?1 AND file_id NOT IN (SELECT file_id FROM voided_files)
                    AND id IN (SELECT record_id FROM line_occurrences WHERE file_id = ?1 AND kind = 'request')
                UNION
                SELECT 'reject', id FROM rejected_lines WHERE file_id <> ?1 AND file_id NOT IN (SELECT file_id FROM voided_files)
                    AND id IN (SELECT record_id FROM line_occurrences WHERE file_id = ?1 AND kind = 'reject')
            )
            SELECT (SELECT count(*) FROM own) AS all_lines,
                   (SELECT count(*) FROM own WHERE (kind, record_id) IN (SELECT kind, record_id FROM live_others)) AS kept
            """, arguments: [fileId])!
        return (row["all_lines"], row["kept"])
    }
}
