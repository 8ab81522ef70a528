import ArgumentParser
import AxisLedger
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest response records and request logs into the ledger.",
        discussion: """
            Each FILE is JSON Lines or CSV (request logs), plain or gzip-compressed; `-` reads \
            standard input. Each file is one transaction. A ledger that does not exist yet is made \
            with its first file and appears once that file is committed (docs/reliability.md). Bad lines are quarantined in the \
            rejected_lines table with their reason and the rest of the file is kept. A file ingested \
            before (same SHA-256) adds nothing (a voided one says so, and how to undo the void); a line stored before is counted as a duplicate, so \
            overlapping logs never double-count. A log that only grew since its last ingest (its first bytes \
            have the SHA-256 recorded then) is read from where that ingest stopped, its new lines under their \
            own line numbers, as one more part of the file; one that changed, was truncated or rotated, is \
            gzip-compressed or is standard input is read whole, and ingest says why (docs/reliability.md, Grown logs). A gzip file that expands more than \
            --max-gzip-ratio times is refused as a gzip bomb. Files are recorded relative to the \
            ledger's folder, or by their name when outside it (docs/schema.md). See docs/input-formats.md.

            With --profile (or AXIS_LEDGER_PROFILE), every line of every file is read in the shape \
            the input profile describes (a YAML file, or a shipped profile's name: \
            \(InputProfileLoader.shippedNames.joined(separator: ", "))); a bad profile is refused \
            before any line is read. See docs/input-formats.md, Input profiles.

            Exit status: 0 when every file was read and committed (even with rejected lines); \
            1 when a file could not be read or was refused (--strict), when every line of a file \
            was rejected (unless --allow-all-rejected; the lines are still quarantined and the \
            file committed), when the profile is bad, or on a database error.

            Examples:
              axis-ledger ingest logs/responses.jsonl.gz logs/requests.csv
              axis-ledger ingest --dry-run logs/responses-2026-12.jsonl
              gunzip -c old.jsonl.gz | axis-ledger ingest --name old.jsonl -
            """)

    /// Said on standard error when `-` is a terminal, so nobody waits on a command that waits on them.
    static let waitingForInput = "ingest: waiting for lines on standard input (the terminal); paste or type them, then press Ctrl-D (Ctrl-C to stop)"

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Take every line as this kind instead of deciding per line (a JSON line with a `response` member is a response record).", valueName: "kind"))
    var kind: RecordKind?

    @Flag(help: "Refuse a whole file, committing nothing of it, when any of its lines is bad.")
    var strict = false

    @Option(name: .customLong("max-gzip-ratio"), parsing: .unconditional,
            help: ArgumentHelp("Refuse a gzip file once it has expanded more than this many times its compressed size (checked after the first 4 MiB); logs expand 5 to 30 times, a gzip bomb about 1000. Raise it only for a genuine file that was refused.", valueName: "N"))
    var maxGzipRatio = GzipExpansionLimit.defaultMaximumRatio

    @Option(help: ArgumentHelp("Read every line in the shape this input profile describes: a YAML file, or a shipped profile's name (default: AXIS_LEDGER_PROFILE when set, else the documented shape).", valueName: "file|name"))
    var profile: String?

    @Flag(help: "Exit 0 even when every line of a file was rejected (by default that exits 1: such a file is almost always in a wrong shape).")
    var allowAllRejected = false

    @Flag(name: .customLong("dry-run"),
          help: "Read, parse, redact and classify every line and print the same summary, but commit nothing: the ledger is left as it was. Each file is counted against the ledger as it is, not against the other files of the run.")
    var dryRun = false

    @Option(help: ArgumentHelp("The name standard input (`-`) is shown and recorded by instead of `-` (secrets redacted like any path).", valueName: "name"))
    var name: String?

    @Flag(help: "After each file, say how long each phase of its transaction took (reading and storing the lines, the id lookup, billing, the commit) and how many pages SQLite read and wrote in it: on standard error, or in each JSON line with --format json. For finding out what a slow ingest spends its time on (docs/schema.md, What a later month adds).")
    var timings = false

    @Option(help: "text for people, json for a script: one JSON object per file (JSON Lines) with its counts, SHA-256 and first rejects (docs/json-output.md).")
    var format: TextOrJSON = .text

    @Argument(help: ArgumentHelp("Files to ingest; `-` reads standard input.", valueName: "file"), completion: .file())
    var files: [String]

    func validate() throws {
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (`-`) can be read only once.") }
        if let name {
            if !files.contains("-") { throw ValidationError("--name \(name) names standard input; give `-` among the files, e.g. `ingest --name \(name) -`.") }
            if name.isEmpty || name == "-" { throw ValidationError("--name must be a name other than `-`, e.g. --name responses-2026-11.jsonl.") }
        }
        if maxGzipRatio < 1 { throw ValidationError("--max-gzip-ratio must be a whole number of at least 1, found \(maxGzipRatio).") }
    }

    /// `--profile`, else a non-empty `AXIS_LEDGER_PROFILE`.
    var profileArgument: String? {
        profile ?? ProcessInfo.processInfo.environment["AXIS_LEDGER_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
    }

    func run() throws {
        // A bad profile is refused before the ledger is opened or any line read.
        var inputProfile: InputProfile?
        if let argument = profileArgument {
            do {
                inputProfile = try InputProfileLoader.load(argument)
            } catch {
                throw refuseProfile(error, argument)
            }
            if let kind, kind != inputProfile!.kind {
                throw failure("--kind \(kind.rawValue) contradicts the profile \(inputProfile!.name), whose lines are \(inputProfile!.kind.rawValue); leave out --kind")
            }
        }
        var options = IngestOptions(forcedKind: kind, strict: strict)
        options.profile = inputProfile
        options.gzipExpansionLimit.maximumRatio = maxGzipRatio
        options.dryRun = dryRun
        var remaining = files[...]
        var failed = false
        // A ledger that does not exist yet gets its first file under its temporary name (docs/reliability.md).
        let first: FirstFileIngest.Result?
        do {
            first = try files.first.flatMap { file in
                try withProgressBar(for: file) { progress in
                    try FirstFileIngest.ingest(path: file, intoNewLedgerAt: database.path, options: options, progress: progress)
                }
            }
        } catch let error as LedgerError {
            throw failure(error.description)
        }
        let target: IngestTarget
        if let first {
            target = IngestTarget(opened: printingNotices(first.ledger))
            failed = try show(first.report) || failed
            remaining = remaining.dropFirst()
        } else {
            target = try IngestTarget(path: database.path, dryRun: dryRun)
        }
        defer { target.close() }
        let ingestor = Ingestor(ledger: target.ledger, options: options)
        for file in remaining {
            let shownName = file == "-" ? name : nil
            if file == "-", FileHandleInput.standardInputIsTerminal {
                FileHandleOutput.standardError.write(IngestCommand.waitingForInput + "\n")
            }
            let report = withProgressBar(for: shownName ?? file) { progress in
                ingestor.ingest(path: file, name: shownName, progress: progress)
            }
            failed = try show(report) || failed
        }
        if dryRun, format == .text { try say("dry run: nothing was committed to \(database.path)") }
        if failed { throw ExitCode.failure }
    }

    /// Runs `body` with a progress bar for `file` on standard error, cleared when it returns.
    private func withProgressBar<T>(for file: String, _ body: (@escaping Ingestor.Progress) throws -> T) rethrows -> T {
        let bar = ProgressBar(label: InputPath.redacted(file))
        defer { bar.finish() }
        return try body { stage in
            switch stage {
            case .reading(let done, let total): bar.update(done: done, total: total)
            case .billing: bar.say("all lines stored; applying the billing rules…")
            }
        }
    }

    /// Prints what ingest did with one file; true when that counts as a failure (exit status 1).
    private func show(_ report: FileIngestReport) throws -> Bool {
        let failed = try showSummary(report)
        if timings, format == .text {
            // Standard error, so the summary on standard output stays the same with or without it.
            for line in IngestSummary.timingLines(for: report) { FileHandleOutput.standardError.write(line + "\n") }
        }
        return failed
    }

    /// The summary of ``show(_:)``, without the timings.
    private func showSummary(_ report: FileIngestReport) throws -> Bool {
        if format == .json {
            try emitJSONLine(IngestJSONLine(report, dryRun: dryRun, timings: timings))
            if case .refused(let error) = report.outcome { complain("\(error)"); return true }
            return false
        }
        switch report.outcome {
        case .ingested:
            var failed = false
            if report.allRejected {
                // Said first, once: the one thing to know about such a file.
                if allowAllRejected { try say(IngestSummary.allRejectedLine(for: report)) } else { complain(IngestSummary.allRejectedLine(for: report)) }
                failed = !allowAllRejected
            }
            try say(IngestSummary.line(for: report))
            if let note = report.howRead.note { try say("  \(note)") }
            for reject in report.firstRejects { try say("  line \(reject.line): \(reject.reason)") }
            if report.rejected > report.firstRejects.count {
                try say("  … \(report.rejected - report.firstRejects.count) more in the rejected_lines table")
            }
            return failed
        case .alreadyIngested(let earlierPath, let at):
            if let void = report.earlierVoid {
                try say(VoidMessages.reingestedVoided(path: report.path, earlierPath: earlierPath, void: void))
            } else {
                try say("\(report.path): already ingested (same SHA-256 as \(earlierPath), ingested \(at)); nothing added")
            }
            return false
        case .refused(let error):
            complain("\(error)")
            return true
        }
    }
}

extension RecordKind: ExpressibleByArgument {}

/// Whether standard input is a terminal (`ingest -` then says it waits for lines).
enum FileHandleInput {
    static var standardInputIsTerminal: Bool { isatty(0) == 1 }
}

/// The ledger `ingest` writes to. For `--dry-run`, an existing ledger is
/// opened only after a read-only open has shown its schema current (a dry
/// run never upgrades it), and a ledger that does not exist yet is stood in
/// for by a new one in a temporary folder, removed afterwards: the dry run
/// creates nothing at `--db`.
struct IngestTarget {
    let ledger: LedgerDatabase
    private let temporaryFolder: String?

    /// A ledger opened already (made by the run's first file).
    init(opened ledger: LedgerDatabase) {
        self.ledger = ledger
        temporaryFolder = nil
    }

    init(path: String, dryRun: Bool) throws {
        guard dryRun else {
            ledger = try openLedger(path)
            temporaryFolder = nil
            return
        }
        var status = stat()
        let exists = stat(path, &status) == 0 && status.st_size > 0
        guard !exists else {
            _ = try openLedger(path, readOnly: true)
            ledger = try openLedger(path)
            temporaryFolder = nil
            return
        }
        var template = Array((NSTemporaryDirectory() + "/axis-ledger-dry-run-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw failure("ingest --dry-run: cannot make a temporary folder for a stand-in ledger (\(String(cString: strerror(errno)))); set TMPDIR to a writable folder")
        }
        let folder = String(cString: made)
        temporaryFolder = folder
        ledger = try openLedger(folder + "/ledger.sqlite")
    }

    func close() {
        guard let temporaryFolder else { return }
        try? ledger.queue.close()
        try? FileManager.default.removeItem(atPath: temporaryFolder)
    }
}
