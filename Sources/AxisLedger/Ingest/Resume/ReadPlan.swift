import Foundation
import GRDB

/// How ingest reads one file: whole from its first byte, or, for a log that
/// only grew since its last ingest, from where that ingest stopped.
struct ReadPlan {
    /// Where reading starts; nil to read the file whole.
    var resume: ResumePoint?
    /// The earlier ingest a resumed read continues (`ingested_files.continues_file_id`).
    var continuesFileId: Int64?
    /// What a resumed read's ``PrefixVerification`` must find of the file's first bytes, when
    /// ``PrefixBoundary`` planned it (the resume point then has no hash state); nil when ``PrefixCheck`` did.
    var verification: PrefixVerification.Expected?
    /// The format the earlier ingest read the file as (a resumed read has no first line to tell it).
    var format: InputFormat?
    /// A CSV file's header row and its line number, for a resumed read (the header is line 1, long read).
    var csvHeader: (bytes: [UInt8], line: Int)?
    /// What to tell a person about how the file was read, when there is something to say.
    var note: String?

    static let whole = ReadPlan()

    var howRead: FileIngestReport.HowRead {
        FileIngestReport.HowRead(fromWhereItStopped: resume != nil, firstLine: resume?.firstLine ?? 1,
                                 startOffset: resume?.byteOffset ?? 0, continuesFileId: continuesFileId, note: note)
    }
}

/// Decides a file's ``ReadPlan`` from the latest earlier ingest of the same
/// file (by its full path, `ingested_files.source_path`): a plain file whose
/// first bytes are exactly the bytes that ingest read (``PrefixCheck``) is
/// read on from there; anything else is read whole, and the plan's note says
/// why in words when an earlier ingest of it exists.
struct ReadPlanner {
    let path: String
    let named: InputPath
    let options: IngestOptions
    /// Whether a grown JSON Lines log's first bytes may be checked while its new part is read
    /// (``PrefixBoundary``); false plans with ``PrefixCheck``, which reads them first.
    var checksWhileReading = true

    /// What the latest earlier ingest of this file recorded.
    struct Earlier {
        var id: Int64
        var size: Int
        var sha256: String
        var format: InputFormat
        var compressed: Bool
        var forcedKind: String?
        var profileSHA256: String?
        var nonBlankLines: Int
        /// `last_line`; nil for files ingested before schema version 10.
        var lastLine: Int?
        var voided: Bool
    }

    func plan(_ db: Database) throws -> ReadPlan {
        guard path != "-" else {
            guard named.recorded != "-", let earlier = try Self.latest(db, column: "path", value: named.recorded, standardInput: true) else { return .whole }
            return note("standard input is read whole from line 1: it cannot be checked against the \(earlier.size) bytes ingested as file \(earlier.id) under the same name")
        }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .whole }
        guard let earlier = try Self.latest(db, column: "source_path", value: named.source, standardInput: false) else { return .whole }
        let file = "file \(earlier.id)"
        if try Self.isGzip(path) {
            return note("gzip-compressed, so read whole from line 1 (only a plain file that grew since \(file) is read from where that ingest stopped)")
        }
        if earlier.compressed { return note("\(file), the last ingest of this path, was gzip-compressed: read whole from line 1") }
        if earlier.voided {
            return note("\(file), the last ingest of this path, is voided: read whole from line 1, so the lines it held count again through this file (void this file too to keep them out)")
        }
        // As ingest records it: a profile's kind stands in forced_kind.
        let forcedKind = options.profile?.kind.rawValue ?? options.forcedKind?.rawValue
        if earlier.forcedKind != forcedKind || earlier.profileSHA256 != options.profile?.sha256 {
            return note("\(file), the last ingest of this path, was read with another --kind or --profile: read whole from line 1")
        }
        if earlier.nonBlankLines == 0 { return .whole }
        let recorded = PrefixCheck.Recorded(ingestedBytes: earlier.size, sha256: earlier.sha256, format: earlier.format)
        let outcome: PrefixCheck.Outcome
        if checksWhileReading, earlier.format == .jsonl, let lastLine = earlier.lastLine {
            outcome = try PrefixBoundary(path: path, recorded: recorded, lastLine: lastLine).run()
        } else {
            outcome = try PrefixCheck(path: path, recorded: recorded).run()
        }
        switch outcome {
        case .shorter(let size):
            return note("is \(size) bytes now, shorter than the \(earlier.size) bytes ingested as \(file): rotated or truncated, so read whole from line 1")
        case .changed:
            return note("changed since \(file) was ingested (its first \(earlier.size) bytes are not the bytes read then): read whole from line 1")
        case .cannotContinue(let why):
            return note("grew since \(file) was ingested, but \(why): read whole from line 1")
        case .grown(let resume):
            var plan = ReadPlan(resume: resume, continuesFileId: earlier.id, format: earlier.format)
            if resume.hashedSoFar == nil { plan.verification = PrefixVerification.Expected(recorded: recorded, resume: resume) }
            if earlier.format == .csv {
                guard let header = try Self.firstNonBlankLine(path, before: resume.byteOffset) else { return .whole }
                plan.csvHeader = header
            }
            let grew = "grew since \(file) was ingested (its first \(earlier.size) bytes are unchanged): read from line \(resume.firstLine)"
            if resume.rereadsCutLine {
                plan.note = grew + ", which had no line ending then and has grown since: it is read again whole (\(file) keeps what it read of it then)"
            } else if resume.endedLineAfterwards {
                plan.note = grew + " (line \(resume.firstLine - 1) had no line ending then; it has one now and is unchanged)"
            } else {
                plan.note = grew
            }
            return plan
        }
    }

    private func note(_ text: String) -> ReadPlan {
        var plan = ReadPlan.whole
        plan.note = text
        return plan
    }

    static func latest(_ db: Database, column: String, value: String, standardInput: Bool) throws -> Earlier? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT f.id, f.size_bytes, f.sha256, f.format, f.compressed, f.forced_kind, f.profile_sha256,
                   f.lines_read - f.blank AS non_blank, f.last_line, v.file_id IS NOT NULL AS voided
            FROM ingested_files AS f LEFT JOIN voided_files AS v ON v.file_id = f.id
            WHERE f.\(column) = ? AND (f.source_path = '-') = ? AND f.sha256 NOT LIKE 'pending:%'
            ORDER BY f.id DESC LIMIT 1
            """, arguments: [value, standardInput]) else { return nil }
        return Earlier(id: row["id"], size: row["size_bytes"], sha256: row["sha256"],
                       format: InputFormat(rawValue: row["format"]) ?? .jsonl, compressed: row["compressed"],
                       forcedKind: row["forced_kind"], profileSHA256: row["profile_sha256"],
                       nonBlankLines: row["non_blank"], lastLine: row["last_line"], voided: row["voided"])
    }

    /// The id of the latest committed ingest of the file at `sourcePath`.
    static func latestId(_ db: Database, sourcePath: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT max(id) FROM ingested_files WHERE source_path = ? AND source_path <> '-' AND sha256 NOT LIKE 'pending:%'
            """, arguments: [sourcePath])
    }

    static func isGzip(_ path: String) throws -> Bool {
        try RawInput(path: path, limit: 2).peek(2) == [0x1F, 0x8B]
    }

    /// The file's first non-blank line within its first `limit` bytes (a CSV file's header), as ingest reads it.
    static func firstNonBlankLine(_ path: String, before limit: Int) throws -> (bytes: [UInt8], line: Int)? {
        var lines = LineReader(source: try RawInput(path: path, limit: limit))
        defer { lines.close() }
        while let line = try lines.next() {
            if !InputFormat.isBlank(line.bytes) { return (line.bytes, line.number) }
        }
        return nil
    }
}
