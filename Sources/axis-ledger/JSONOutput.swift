import ArgumentParser
import AxisLedger
import Foundation

/// `--format text|json` of the commands a script acts on (`verify`,
/// `pricing check`, `ingest`): prose for people, or JSON for a cron job or
/// CI step that should not parse prose. docs/json-output.md lists the fields.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Writes one JSON object on one line of standard output: keys sorted and in
/// snake_case, so the same result is the same bytes and `jq` reads it.
func emitJSONLine<Value: Encodable>(_ value: Value) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    let data: Data
    do {
        data = try encoder.encode(value)
    } catch {
        throw failure("could not write the result as JSON; please report this")
    }
    try emit(String(decoding: data, as: UTF8.self) + "\n")
}

/// `ingest --format json`: one line per file (JSON Lines).
struct IngestJSONLine: Encodable {
    struct Reject: Encodable {
        var line: Int
        var reason: String
    }

    let schema = "axis-ledger/ingest/1"
    var path: String
    /// `ingested`, `already_ingested` or `refused`.
    var outcome: String
    var dryRun: Bool
    var sha256: String?
    var sizeBytes: Int
    var linesRead: Int
    var blank: Int
    var accepted: Int
    var duplicates: Int
    var rejected: Int
    var firstRejects: [Reject]
    /// For `already_ingested`: the path it was ingested as, and when.
    var alreadyIngestedAs: String?
    var alreadyIngestedAt: String?
    /// For `ingested`: `whole` (from byte 0) or `from_last_stop` (a log that only grew since its last ingest).
    var read: String?
    /// For `ingested`: the first line read, the first byte read, the earlier ingest a
    /// `from_last_stop` read continues, and why it was read as it was, in words.
    var firstLine: Int?
    var startOffset: Int?
    var continuesFileId: Int64?
    var readNote: String?
    /// For `refused`: why, as the text message says it.
    var error: String?
    /// With `--timings`, for a file read: each phase of its transaction (docs/json-output.md).
    var timings: [Timing]?

    struct Timing: Encodable {
        /// `lines`, `id_lookup`, `billing` or `commit`.
        var phase: String
        var seconds: Double
        var pagesRead: Int64
        var pagesWritten: Int64
    }

    init(_ report: FileIngestReport, dryRun: Bool, timings withTimings: Bool = false) {
        path = report.path
        if withTimings, let timings = report.timings {
            self.timings = IngestTimings.Phase.allCases.map { phase in
                let spent = timings[phase]
                return Timing(phase: phase.jsonName, seconds: (spent.seconds * 1000).rounded() / 1000,
                              pagesRead: spent.pagesRead, pagesWritten: spent.pagesWritten)
            }
        }
        self.dryRun = dryRun
        sha256 = report.sha256.isEmpty ? nil : report.sha256
        sizeBytes = report.sizeBytes
        linesRead = report.linesRead
        blank = report.blank
        accepted = report.accepted
        duplicates = report.duplicates
        rejected = report.rejected
        firstRejects = report.firstRejects.map { Reject(line: $0.line, reason: $0.reason) }
        switch report.outcome {
        case .ingested:
            outcome = "ingested"
            read = report.howRead.fromWhereItStopped ? "from_last_stop" : "whole"
            firstLine = report.howRead.firstLine
            startOffset = report.howRead.startOffset
            continuesFileId = report.howRead.continuesFileId
            readNote = report.howRead.note
        case .alreadyIngested(let asPath, let at):
            outcome = "already_ingested"
            alreadyIngestedAs = asPath
            alreadyIngestedAt = at
        case .refused(let refusal):
            outcome = "refused"
            error = refusal.description
        }
    }
}

/// `verify --format json`.
struct VerifyJSON: Encodable {
    struct Check: Encodable {
        var name: String
        var passed: Bool
        var problems: [String]
        var notChecked: [String]
    }

    let schema = "axis-ledger/verify/1"
    var database: String
    var passed: Bool
    var checks: [Check]

    init(database: String, checks: [LedgerVerifier.Check]) {
        self.database = database
        passed = !checks.contains { !$0.passed }
        self.checks = checks.map { Check(name: $0.name, passed: $0.passed, problems: $0.problems, notChecked: $0.notChecked) }
    }
}

/// `pricing check --format json`.
struct PricingCheckJSON: Encodable {
    struct Problem: Encodable {
        var line: Int?
        var keyPath: String
        var message: String
        /// The problem as the text output prints it (file:line: key path: message).
        var text: String
    }

    let schema = "axis-ledger/pricing-check/1"
    var file: String
    var valid: Bool
    var problems: [Problem]
    var currency: String?
    var plans: [String]
    var orgs: [String]

    init(file: String, rules: PricingRules) {
        self.file = file
        valid = true
        problems = []
        currency = rules.currency.code
        plans = rules.plans.keys.sorted()
        orgs = rules.orgs.keys.sorted()
    }

    init(file: String, error: PricingError) {
        self.file = file
        valid = false
        problems = error.problems.map { Problem(line: $0.line, keyPath: $0.keyPath, message: $0.message, text: $0.description) }
        currency = nil
        plans = []
        orgs = []
    }
}

extension IngestTimings.Phase {
    /// The name `ingest --format json --timings` gives the phase: stable, for scripts.
    var jsonName: String {
        switch self {
        case .lines: "lines"
        case .idLookup: "id_lookup"
        case .billing: "billing"
        case .commit: "commit"
        }
    }
}
