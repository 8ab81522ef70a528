import GRDB

/// Checks that the ledger is whole: SQLite's own integrity check, each
/// ingested file's counts against the rows it left, and every billed
/// generation traced to a stored line of an ingested file.
///
/// Run it after a crash, a full disk, a restore from backup, or before
/// signing a month off (docs/reliability.md).
public struct LedgerVerifier {
    /// One check and what it found.
    public struct Check: Sendable, Equatable {
        public var name: String
        /// Empty when the check passed; otherwise one line per problem.
        public var problems: [String]
        /// What the check could not look at, and why (not a failure: `verify --reread-files`
        /// lists the files gone or changed since they were ingested).
        public var notChecked: [String] = []
        public var passed: Bool { problems.isEmpty }
    }

    let ledger: LedgerDatabase

    public init(ledger: LedgerDatabase) {
        self.ledger = ledger
    }

    /// Problems listed per check, at most this many (then a count of the rest).
    static let problemsListed = 20

    /// How much `verify` checks.
    public enum Depth: Sendable {
        /// Every check: SQLite's full integrity check (every index against its table), every
        /// record's file, each file's counts, and billing recomputed from every record.
        case full
        /// SQLite's `quick_check` (every page and row readable and well formed, without
        /// comparing each index entry with its row) and each file's recorded counts against
        /// its stored lines, and no void left half done: a few passes over the tables, for after
        /// a crash or a full disk.
        case quick
    }

    /// - Parameters:
    ///   - depth: ``Depth/full`` (the default) or ``Depth/quick``.
    ///   - rereadingFiles: also read every ingested file again and
    ///     check its counts against its recorded bytes (``IngestedFileRecount``);
    ///     slow, as it reads every file.
    ///   - progress: told before each check starts: its number, how many there are, its name.
    public func run(depth: Depth = .full, rereadingFiles: Bool = false,
                    progress: (_ step: Int, _ steps: Int, _ name: String) -> Void = { _, _, _ in }) throws -> [Check] {
        var steps: [(name: String, check: (Database) throws -> Check)] = []
        switch depth {
        case .full:
            steps = [
                ("SQLite integrity_check", integrity),
                ("every record belongs to an ingested file", foreignKeys),
                (Self.fileCountsName, fileCounts),
                ("every billed generation traces to a stored line", billedGenerationsTrace),
                (Self.billingAgreesName, billingAgreesWithRecords),
                (Self.idLookupName, idLookupAgrees),
                (Self.voidsFinishedName, voidsFinished),
                ("every issued file of a closed month matches its SHA-256", issuedFilesIntact),
                ("closed months and changes since close", changesSinceCloseCounted),
            ]
        case .quick:
            steps = [("SQLite quick_check", quickCheck), (Self.fileCountsName, fileCounts), (Self.voidsFinishedName, voidsFinished)]
        }
        if rereadingFiles { steps.append(("each ingested file's counts match its recorded bytes, read again", filesReread)) }
        return try ledger.queue.read { db in
            // 32 MiB of page cache, as ingest has (SQLite's default is 2 MiB): the
            // checks seek B-trees far larger than that, and each miss is a read
            // from the file. Peak memory stays far under 200 MB (docs/reliability.md).
            try db.execute(sql: "PRAGMA cache_size = -32768")
            return try steps.enumerated().map { index, step in
                progress(index + 1, steps.count, step.name)
                return try step.check(db)
            }
        }
    }

    static let fileCountsName = "each ingested file's counts match its stored lines"
    static let voidsFinishedName = "no void left half done"

    private func integrity(_ db: Database) throws -> Check {
        let messages = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        return Check(name: "SQLite integrity_check", problems: messages == ["ok"] ? [] : messages)
    }

    private func quickCheck(_ db: Database) throws -> Check {
        let messages = try String.fetchAll(db, sql: "PRAGMA quick_check")
        return Check(name: "SQLite quick_check", problems: messages == ["ok"] ? [] : messages)
    }

    private func foreignKeys(_ db: Database) throws -> Check {
        let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
        return Check(name: "every record belongs to an ingested file", problems: rows.map {
            "\($0[0] as String? ?? "?") row \($0[1] as Int64? ?? 0) points to a missing \($0[2] as String? ?? "?") row"
        })
    }

    private func fileCounts(_ db: Database) throws -> Check {
        // Counted per file in one pass each (grouped), not per file with a correlated
        // count: file_id leads no index, so that would scan the records once per file.
        let rows = try Row.fetchAll(db, sql: """
            WITH stored AS (
                SELECT file_id, count(*) AS n FROM response_records GROUP BY file_id
                UNION ALL
                SELECT file_id, count(*) FROM request_attempts GROUP BY file_id
            ),
            quarantined AS (SELECT file_id, count(*) AS n FROM rejected_lines GROUP BY file_id),
            repeats AS (
                SELECT file_id, sum(kind <> 'reject') AS records, sum(kind = 'reject') AS rejects
                FROM line_occurrences GROUP BY file_id)
            SELECT f.id, f.path, f.sha256, f.lines_read, f.blank, f.accepted, f.duplicates, f.rejected, f.rejected_known,
                   f.occurrences_known, f.continues_file_id, f.start_offset, f.first_line, f.last_line, f.size_bytes,
                   p.size_bytes AS continued_size, p.last_line AS continued_last_line, p.id AS continued_id,
                   coalesce((SELECT sum(n) FROM stored WHERE stored.file_id = f.id), 0) AS stored,
                   coalesce((SELECT n FROM quarantined WHERE quarantined.file_id = f.id), 0) AS quarantined,
                   coalesce((SELECT records FROM repeats WHERE repeats.file_id = f.id), 0) AS repeated_records,
                   coalesce((SELECT rejects FROM repeats WHERE repeats.file_id = f.id), 0) AS repeated_rejects
            FROM ingested_files f LEFT JOIN ingested_files AS p ON p.id = f.continues_file_id ORDER BY f.id
            """)
        var problems: [String] = [], notChecked: [String] = []
        for row in rows {
            let name = "file \(row["id"] as Int64) (\(row["path"] as String))"
            let accepted: Int = row["accepted"], stored: Int = row["stored"]
            let rejected: Int = row["rejected"], quarantined: Int = row["quarantined"], known: Int = row["rejected_known"]
            let linesRead: Int = row["lines_read"]
            let parts: Int = (row["blank"] as Int) + accepted + (row["duplicates"] as Int) + rejected
            if accepted != stored { problems.append("\(name): \(accepted) lines recorded as accepted, \(stored) records stored") }
            // A bad line quarantined before (rejected_known) is a reject of this file too, kept once under the file that first had it.
            if rejected - known != quarantined {
                let before = known == 0 ? "" : " (\(known) of them quarantined before)"
                problems.append("\(name): \(rejected) lines recorded as rejected\(before), \(quarantined) quarantined")
            }
            if linesRead != parts { problems.append("\(name): \(linesRead) lines read but \(parts) counted") }
            if (row["sha256"] as String).hasPrefix("pending:") { problems.append("\(name): ingest never finished") }
            problems += Self.partProblems(row, name: name)
            // Since schema version 5 every repeated line is noted in line_occurrences (what void relies on).
            let duplicates: Int = row["duplicates"], repeatedRecords: Int = row["repeated_records"], repeatedRejects: Int = row["repeated_rejects"]
            if row["occurrences_known"] as Int == 1 {
                if duplicates != repeatedRecords {
                    problems.append("\(name): \(duplicates) duplicates recorded, \(repeatedRecords) noted in line_occurrences")
                }
                if known != repeatedRejects {
                    problems.append("\(name): \(known) rejects quarantined before recorded, \(repeatedRejects) noted in line_occurrences")
                }
            } else if duplicates + known > 0 {
                notChecked.append("\(name): ingested before schema version 5; which stored lines its \(duplicates + known) repeated lines are is not known, so voiding the files that stored them removes them here too")
            }
        }
        var check = Check(name: Self.fileCountsName, problems: Self.capped(problems))
        check.notChecked = Self.capped(notChecked)
        return check
    }

    /// A part of a grown log (schema version 10) must start within the bytes of the part it
    /// continues, at that part's last line (read again, it had no line ending) or the next one.
    private static func partProblems(_ row: Row, name: String) -> [String] {
        guard let continued: Int64 = row["continues_file_id"] else { return [] }
        guard let continuedId: Int64 = row["continued_id"] else { return ["\(name): continues file \(continued), which is not in ingested_files"] }
        var problems: [String] = []
        let start: Int = row["start_offset"], continuedSize: Int = row["continued_size"], size: Int = row["size_bytes"]
        if start > continuedSize + 2 || start > size {
            problems.append("\(name): starts at byte \(start), past the \(continuedSize) bytes of file \(continuedId) it continues")
        }
        if let last: Int = row["continued_last_line"] {
            let first: Int = row["first_line"]
            if first != last && first != last + 1 {
                problems.append("\(name): starts at line \(first), but file \(continuedId), which it continues, ended at line \(last)")
            }
        }
        return problems
    }

    /// Each ingested file still where it was, read again up to its recorded size: when those
    /// bytes have the recorded SHA-256, their lines must be the lines counted.
    private func filesReread(_ db: Database) throws -> Check {
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, path, source_path, size_bytes, sha256, forced_kind, lines_read, blank, accepted, duplicates, rejected,
                   start_offset, first_line, format
            FROM ingested_files WHERE sha256 NOT LIKE 'pending:%' ORDER BY id
            """)
        var problems: [String] = [], notChecked: [String] = []
        for row in rows {
            let name = "file \(row["id"] as Int64) (\(row["path"] as String))"
            let recount = IngestedFileRecount(path: row["source_path"], sizeBytes: row["size_bytes"], sha256: row["sha256"],
                                              forcedKind: (row["forced_kind"] as String?).flatMap(RecordKind.init(rawValue:)),
                                              startOffset: row["start_offset"], firstLine: row["first_line"],
                                              format: InputFormat(rawValue: row["format"]) ?? .jsonl)
            switch recount.run() {
            case .notChecked(let why):
                notChecked.append("\(name): not checked: \(why)")
            case .unreadable(let why):
                problems.append("\(name): its recorded bytes cannot be read as ingest read them: \(why)")
            case .counted(let counts):
                let recorded = (lines: row["lines_read"] as Int, blank: row["blank"] as Int,
                                records: (row["accepted"] as Int) + (row["duplicates"] as Int), bad: row["rejected"] as Int)
                if counts.lines != recorded.lines {
                    problems.append("\(name): \(counts.lines) lines in its recorded bytes, \(recorded.lines) recorded as read")
                }
                if counts.blank != recorded.blank {
                    problems.append("\(name): \(counts.blank) blank lines in its recorded bytes, \(recorded.blank) recorded")
                }
                if counts.records != recorded.records {
                    problems.append("\(name): \(counts.records) good lines in its recorded bytes, \(recorded.records) recorded as accepted or duplicates")
                }
                if counts.bad != recorded.bad {
                    problems.append("\(name): \(counts.bad) bad lines in its recorded bytes, \(recorded.bad) recorded as rejected")
                }
            }
        }
        var check = Check(name: "each ingested file's counts match its recorded bytes, read again", problems: Self.capped(problems))
        check.notChecked = Self.capped(notChecked)
        return check
    }

    /// The billed generations without a stored line of an ingested file.
    ///
    /// Through record_id, one lookup by row id per billed generation
    /// (generation_id leads no index of response_records, so a search by it
    /// would scan the table for each one). The `+` keeps SQLite from reading
    /// the table in id order through `billed_generation_firsts_by_id` to
    /// spare the sort of what is found (almost always nothing): that costs a
    /// second seek per row, 54 s against 31 s on a ledger of 10,000,000
    /// records (sqlite3 shell, 32 MiB cache). In its own order it reads each
    /// of the table's pages once.
    static let untracedBilledGenerationsSQL = """
        SELECT b.generation_id FROM billed_generation_firsts AS b
        LEFT JOIN response_records AS r
            ON r.id = b.record_id AND r.generation_id = b.generation_id AND r.occurred_at = b.billed_at
            AND r.line_number >= 1
        LEFT JOIN ingested_files AS f ON f.id = r.file_id AND f.sha256 NOT LIKE 'pending:%'
        WHERE f.id IS NULL
        ORDER BY +b.generation_id
        """

    private func billedGenerationsTrace(_ db: Database) throws -> Check {
        let untraced = try String.fetchAll(db, sql: Self.untracedBilledGenerationsSQL)
        return Check(name: "every billed generation traces to a stored line", problems: Self.capped(untraced.map { "\($0) has no stored line of an ingested file" }))
    }

    /// A void or undo is one transaction: what it lists in `billing_recompute` is gone when it commits.
    private func voidsFinished(_ db: Database) throws -> Check {
        let left = try String.fetchAll(db, sql: "SELECT generation_id FROM billing_recompute ORDER BY generation_id")
        return Check(name: Self.voidsFinishedName, problems: Self.capped(left.map { "\($0) is still listed in billing_recompute" }))
    }

    static func capped(_ problems: [String]) -> [String] {
        guard problems.count > problemsListed else { return problems }
        return Array(problems.prefix(problemsListed)) + ["… and \(problems.count - problemsListed) more"]
    }
}
