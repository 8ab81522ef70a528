import ArgumentParser
import AxisLedger
import Foundation

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest response records and request logs into the ledger.",
        discussion: """
            Each FILE is JSON Lines or CSV (request logs), plain or gzip-compressed; `-` reads \
            standard input. Each file is one transaction. Bad lines are quarantined in the \
            rejected_lines table with their reason and the rest of the file is kept. A file ingested \
            before (same SHA-256) adds nothing (a voided one says so, and how to undo the void); a line stored before is counted as a duplicate, so \
            overlapping and grown logs never double-count. A gzip file that expands more than \
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
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("Take every line as this kind instead of deciding per line (a JSON line with a `response` member is a response record).", valueName: "responses|requests"))
    var kind: RecordKind?

    @Flag(help: "Refuse a whole file, committing nothing of it, when any of its lines is bad.")
    var strict = false

    @Option(name: .customLong("max-gzip-ratio"),
            help: ArgumentHelp("Refuse a gzip file once it has expanded more than this many times its compressed size (checked after the first 4 MiB); logs expand 5 to 30 times, a gzip bomb about 1000. Raise it only for a genuine file that was refused.", valueName: "N"))
    var maxGzipRatio = GzipExpansionLimit.defaultMaximumRatio

    @Option(help: ArgumentHelp("Read every line in the shape this input profile describes: a YAML file, or a shipped profile's name (default: AXIS_LEDGER_PROFILE when set, else the documented shape).", valueName: "file|name"))
    var profile: String?

    @Flag(help: "Exit 0 even when every line of a file was rejected (by default that exits 1: such a file is almost always in a wrong shape).")
    var allowAllRejected = false

    @Argument(help: ArgumentHelp("Files to ingest; `-` reads standard input.", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("Standard input (`-`) can be read only once.") }
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
        let ledger = try openLedger(database.path)
        var options = IngestOptions(forcedKind: kind, strict: strict)
        options.profile = inputProfile
        options.gzipExpansionLimit.maximumRatio = maxGzipRatio
        let ingestor = Ingestor(ledger: ledger, options: options)
        var failed = false
        for file in files {
            let bar = ProgressBar(label: InputPath.redacted(file))
            let report = ingestor.ingest(path: file) { stage in
                switch stage {
                case .reading(let done, let total): bar.update(done: done, total: total)
                case .billing: bar.say("all lines stored; applying the billing rules…")
                }
            }
            bar.finish()
            switch report.outcome {
            case .ingested:
                if report.allRejected {
                    // Said first, once: the one thing to know about such a file.
                    if allowAllRejected { try say(IngestSummary.allRejectedLine(for: report)) } else { complain(IngestSummary.allRejectedLine(for: report)) }
                    if !allowAllRejected { failed = true }
                }
                try say(IngestSummary.line(for: report))
                for reject in report.firstRejects { try say("  line \(reject.line): \(reject.reason)") }
                if report.rejected > report.firstRejects.count {
                    try say("  … \(report.rejected - report.firstRejects.count) more in the rejected_lines table")
                }
            case .alreadyIngested(let earlierPath, let at):
                if let void = report.earlierVoid {
                    try say(VoidMessages.reingestedVoided(path: report.path, earlierPath: earlierPath, void: void))
                } else {
                    try say("\(report.path): already ingested (same SHA-256 as \(earlierPath), ingested \(at)); nothing added")
                }
            case .refused(let error):
                failed = true
                complain("\(error)")
            }
        }
        if failed { throw ExitCode.failure }
    }
}

extension RecordKind: ExpressibleByArgument {}
