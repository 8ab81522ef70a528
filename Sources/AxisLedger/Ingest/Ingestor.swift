import Foundation
import GRDB

/// Ingests input files into the ledger, each file in one transaction.
///
/// Every line ends as a stored record, a counted duplicate (its line was
/// stored before), a quarantined reject with its reason, or a skipped blank
/// line; the file's row in `ingested_files` keeps those counts. A file
/// whose bytes were ingested before is recognised by its SHA-256 and skipped.
public final class Ingestor {
    private let ledger: LedgerDatabase
    private let options: IngestOptions

    /// Called now and then with what ingest is doing, for a progress display.
    public typealias Progress = (_ stage: IngestProgress) -> Void

    public init(ledger: LedgerDatabase, options: IngestOptions = IngestOptions()) {
        self.ledger = ledger
        self.options = options
    }

    /// Ingests one file (`-` for standard input). Never throws: a file that
    /// cannot be ingested comes back as ``FileIngestReport/Outcome/refused(_:)``
    /// with nothing of it committed.
    ///
    /// The report's path and every error's are `path` as given with its
    /// secrets redacted; `ingested_files` records the stable form of
    /// ``InputPath`` (relative to the ledger's folder, else the file's name).
    ///
    /// - Parameters:
    ///   - recordedPath: the path stored in `ingested_files.path` and
    ///     shown in reports, when it should not be the stable form (redacted too).
    ///   - name: the name standard input goes by (`ingest --name`), shown and
    ///     recorded instead of `-` (redacted too).
    public func ingest(path: String, recordedPath: String? = nil, name: String? = nil, progress: Progress? = nil) -> FileIngestReport {
        var named = InputPath(given: path, ledgerPath: ledger.path)
        if let name { named = named.named(name) }
        if let recordedPath { named = named.recording(as: recordedPath) }
        let shown = named.shown
        do {
            if let earlier = try earlierIngest(ofSameBytesAs: path) {
                var report = FileIngestReport(path: shown, outcome: .alreadyIngested(asPath: earlier.path, at: earlier.at))
                report.sha256 = earlier.sha256
                report.sizeBytes = earlier.size
                report.earlierVoid = earlier.void
                return report
            }
            // Planned before the write lock is taken (the prefix check reads the file); a plan another
            // ingest of the same log overtook meanwhile is made again, so each part continues the latest.
            // A part whose first bytes, checked while it was read, were not the bytes ingested is planned
            // again by reading them first, which reads the file whole and says why.
            var planner = ReadPlanner(path: path, named: named, options: options)
            var plan = try ledger.queue.read { db in try planner.plan(db) }
            var report: FileIngestReport
            while true {
                do {
                    report = try ingestNew(path: path, named: named, plan: plan, progress: progress)
                    break
                } catch is OvertakenPlan {
                    plan = try ledger.queue.read { db in try planner.plan(db) }
                } catch is PrefixVerification.Failed {
                    planner.checksWhileReading = false
                    plan = try ledger.queue.read { db in try planner.plan(db) }
                }
            }
            report.path = shown
            return report
        } catch let error as IngestError {
            return FileIngestReport(path: shown, outcome: .refused(error.naming(shown)))
        } catch let error as DatabaseError {
            let advice = DatabaseFailureAdvice.message(for: error, database: ledger.path)
            return FileIngestReport(path: shown, outcome: .refused(.database(path: shown, message: "\(ledger.path): \(advice)")))
        } catch {
            return FileIngestReport(path: shown, outcome: .refused(.unreadable(path: shown, reason: InputPath.redacted(PathProblem.describe(error)))))
        }
    }

    /// A regular file whose size matches an ingested file's is hashed first;
    /// if its SHA-256 is known, the file is not read again. Standard input
    /// cannot be read twice and is checked after reading instead.
    private func earlierIngest(ofSameBytesAs path: String) throws -> EarlierFile? {
        guard path != "-" else { return nil }
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        let sameSize = try ledger.queue.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM ingested_files WHERE size_bytes = ?)", arguments: [size]) ?? false
        }
        guard sameSize else { return nil }
        let digest = try RawInput.digest(path: path)
        return try ledger.queue.read { db in try Self.fileRow(db, sha256: digest.sha256) }
    }

    /// An ingested file with the same bytes, and its void when it is voided now.
    private struct EarlierFile {
        var path: String, at: String, sha256: String, size: Int
        var void: FileIngestReport.EarlierVoid?
    }

    private static func fileRow(_ db: Database, sha256: String) throws -> EarlierFile? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT f.id, f.path, f.ingested_at, f.size_bytes, v.voided_at, v.voided_by, v.reason
            FROM ingested_files AS f LEFT JOIN voided_files AS v ON v.file_id = f.id
            WHERE f.sha256 = ?
            """, arguments: [sha256]) else { return nil }
        let voidedAt: String? = row["voided_at"]
        return EarlierFile(path: row["path"], at: row["ingested_at"], sha256: sha256, size: row["size_bytes"],
                           void: voidedAt.map { FileIngestReport.EarlierVoid(fileId: row["id"], at: $0, by: row["voided_by"], reason: row["reason"] ?? "") })
    }

    /// Reads the file as `plan` says, whole or on from where its last ingest stopped, in one transaction.
    private func ingestNew(path: String, named: InputPath, plan: ReadPlan, progress: Progress?) throws -> FileIngestReport {
        let raw: RawInput
        let compressed: Bool
        var verification: PrefixVerification?
        defer { verification?.cancel() }
        if let resume = plan.resume {
            // The plan checked the file is plain; a grown log is read from the byte its last ingest stopped at.
            if let hashedSoFar = resume.hashedSoFar {
                raw = try RawInput(path: path, resumingAt: resume.byteOffset, hashedSoFar: hashedSoFar)
            } else {
                let check = PrefixVerification(path: path, expected: plan.verification!)
                check.start()
                verification = check
                raw = try RawInput(path: path, resumingAt: resume.byteOffset, hashedBy: check)
            }
            compressed = false
        } else {
            raw = try RawInput(path: path)
            compressed = try raw.peek(2) == [0x1F, 0x8B]
        }
        let source: ByteSource = compressed ? try GzipSource(upstream: raw, path: path, limit: options.gzipExpansionLimit) : raw
        let lines = LineReader(source: UTF8CheckedSource(upstream: source, path: path, compressed: compressed), firstLineNumber: plan.resume?.firstLine ?? 1)
        let reader = ClassifyingReader(lines: lines, raw: raw,
                                       classifier: LineClassifier(path: path, options: options, resumedFormat: plan.format, csvHeader: plan.csvHeader))
        defer { reader.close() }

        var report = FileIngestReport(path: path, outcome: .ingested)
        report.howRead = plan.howRead
        var refusal: IngestError?
        // The transaction as a whole is the commit's phase; the phases inside it measure their own parts.
        let clock = PhaseClock(connection: ledger.queue.inDatabase { $0.sqliteConnection })
        do {
            try clock.measure(.commit) { try ledger.queue.inTransaction(.immediate) { db in
                if let continued = plan.continuesFileId,
                   try ReadPlanner.latestId(db, sourcePath: named.source) != continued { throw OvertakenPlan() }
                let fileId = try insertFileRow(db, path: named, compressed: compressed, plan: plan)
                let writer = try RecordWriter(db: db, fileId: fileId, billingSliceSize: options.billingSliceSize, idSegmentSize: options.idSegmentSize,
                                              defersBillingMonthIndex: ledger.isStaged, clock: clock)
                var tally = LineTally(report: report, writer: writer)
                var acceptedAtIdSegment = 0
                let format = try clock.measure(.lines) { try reader.run { batch in
                    for verdict in batch.verdicts { try tally.take(verdict) }
                    // A segment of the id lookup is written once the file's records fill it (a dry run keeps nothing).
                    if !options.dryRun, tally.report.accepted - acceptedAtIdSegment >= writer.idSegmentSize {
                        try writer.writeFilledIdSegments()
                        acceptedAtIdSegment = tally.report.accepted
                    }
                    progress?(.reading(bytesRead: batch.bytesRead, totalBytes: raw.size))
                } }
                report = tally.report
                report.mostMissedField = tally.mostMissedField
                report.profileName = options.profile?.name
                let refused = options.strict && tally.badLines > 0
                if !refused && !options.dryRun {
                    // Billed while a grown log's first bytes may still be being checked (nothing is kept unless they pass).
                    progress?(.billing)
                    try writer.finishFile()
                }
                // The reader stopped at the end it saw: the digest and size are of exactly the bytes parsed.
                // Bytes appended since are left for the next ingest, which stores them (docs/reliability.md).
                if let verification {
                    // Nothing of the part is decided before its first bytes are known to be the bytes ingested.
                    switch verification.finish() {
                    case .verified(let sha256): report.sha256 = sha256
                    case .failed(let why): throw PrefixVerification.Failed(why: why)
                    }
                } else {
                    report.sha256 = raw.sha256
                }
                report.sizeBytes = raw.bytesRead
                if let earlier = try Self.fileRow(db, sha256: report.sha256) {
                    // Standard input, or a file that changed while it was read, turned out to be known
                    // (or another ingest read the same grown part meanwhile).
                    let known = report
                    report = FileIngestReport(path: path, outcome: .alreadyIngested(asPath: earlier.path, at: earlier.at))
                    report.sha256 = known.sha256
                    report.sizeBytes = known.sizeBytes
                    report.earlierVoid = earlier.void
                    return .rollback
                }
                if refused {
                    refusal = .strictRefused(path: path, rejected: tally.badLines, firstReasons: tally.firstBadLines)
                    return .rollback
                }
                // A dry run has counted every line as a real ingest would (duplicates included); it keeps nothing.
                if options.dryRun { return .rollback }
                try db.execute(sql: """
                    UPDATE ingested_files
                    SET format = ?, sha256 = ?, size_bytes = ?, lines_read = ?, blank = ?, accepted = ?, duplicates = ?, rejected = ?,
                        rejected_known = ?, last_line = ?
                    WHERE id = ?
                    """, arguments: [format.rawValue, report.sha256, report.sizeBytes, report.linesRead, report.blank,
                                     report.accepted, report.duplicates, report.rejected, tally.rejectedKnown,
                                     reader.lastLineNumber, fileId])
                return .commit
            } }
            report.timings = clock.timings
        } catch let error where !(error is OvertakenPlan) && !(error is PrefixVerification.Failed) {
            // A part read on from the wrong place can fail in ways the whole file would not: the check decides.
            if let verification, case .failed(let why) = verification.finish() { throw PrefixVerification.Failed(why: why) }
            throw error
        }
        if let refusal { throw refusal }
        return report
    }

    /// Another ingest of the same log committed a part after this one's plan was made.
    private struct OvertakenPlan: Error {}

    private func insertFileRow(_ db: Database, path: InputPath, compressed: Bool, plan: ReadPlan) throws -> Int64 {
        // The digest is known only once the file is read; a unique placeholder holds its place.
        try db.execute(sql: """
            INSERT INTO ingested_files (path, source_path, format, forced_kind, compressed, size_bytes, sha256,
                                        lines_read, blank, accepted, duplicates, rejected, ingested_at, profile_name, profile_sha256,
                                        continues_file_id, start_offset, first_line)
            VALUES (?, ?, 'jsonl', ?, ?, 0, 'pending:' || hex(randomblob(16)), 0, 0, 0, 0, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?, ?,
                    ?, ?, ?)
            """, arguments: [path.recorded, path.source, options.profile?.kind.rawValue ?? options.forcedKind?.rawValue, compressed,
                             options.profile?.name, options.profile?.sha256,
                             plan.continuesFileId, plan.resume?.byteOffset ?? 0, plan.resume?.firstLine ?? 1])
        return db.lastInsertedRowID
    }
}

/// Counts each line into the report as it is stored, found a duplicate, or quarantined.
///
/// A bad line is rejected in every file that has it: one quarantined before
/// (by an earlier file, or earlier in this one) is not stored again, but it
/// is counted in `rejected` and shown among the file's first rejects, and
/// `rejectedKnown` says how many such lines `rejected` holds. `duplicates`
/// counts only good lines stored before.
private struct LineTally {
    var report: FileIngestReport
    let writer: RecordWriter
    /// Lines that failed to parse, quarantined now or before (for --strict).
    var badLines = 0
    var firstBadLines: [String] = []
    /// Rejected lines already in `rejected_lines` (`ingested_files.rejected_known`).
    var rejectedKnown = 0
    /// Per required field, the rejects that missed it (read from the reason's words).
    var missedFields: [String: Int] = [:]

    var mostMissedField: (field: String, lines: Int)? {
        missedFields.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { ($0.key, $0.value) }
    }

    mutating func take(_ verdict: LineVerdict) throws {
        switch verdict {
        case .record(let row):
            report.linesRead += 1
            if try writer.store(row) { report.accepted += 1 } else { report.duplicates += 1 }
        case .reject(let line, let storedLine, let reason, let hash):
            try reject(line: line, storedLine: storedLine, reason: reason, hash: hash)
        case .blank:
            report.linesRead += 1
            report.blank += 1
        }
    }

    private mutating func reject(line: Int, storedLine: [UInt8], reason: String, hash: [UInt8]) throws {
        report.linesRead += 1
        badLines += 1
        if let field = Self.missedField(reason) { missedFields[field, default: 0] += 1 }
        if firstBadLines.count < FileIngestReport.rejectsShown { firstBadLines.append("line \(line): \(reason)") }
        if try !writer.reject(line: line, storedLine: storedLine, reason: reason, hash: hash) { rejectedKnown += 1 }
        report.rejected += 1
        if report.firstRejects.count < FileIngestReport.rejectsShown { report.firstRejects.append((line, reason)) }
    }

    private static let missingPrefix = "missing required field \""

    /// `orgId` of `missing required field "orgId" (…)`.
    static func missedField(_ reason: String) -> String? {
        guard reason.hasPrefix(missingPrefix) else { return nil }
        let rest = reason.dropFirst(missingPrefix.count)
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
