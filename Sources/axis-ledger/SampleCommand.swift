import ArgumentParser
import AxisLedger
import Foundation

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write a deterministic, realistic month of API traffic: responses.jsonl and requests.csv, and the provider's invoice and usage export.",
        discussion: """
            The month holds several orgs of uneven size on both API versions, idempotent \
            replays, 409 conflicts, 429 bursts with Retry-After, 500/503 retried until they \
            succeed, 402 streaks while an org's prepaid balance is empty, and a few 400/401/403 \
            (docs/sample-data.md). It also writes the provider's provider-invoice.csv and \
            provider-usage.csv for the month, which differ from the truth in three known ways \
            for `reconcile` to find (docs/reconciliation.md). The same arguments always write the same bytes.

            Examples:
              axis-ledger sample --out sample
              axis-ledger sample --month 2026-11 --orgs 3 --records 1000 --with-bad-lines
            """)

    @Option(help: ArgumentHelp("The UTC month to fill, YYYY-MM; every timestamp falls in it at UTC.", valueName: "YYYY-MM"))
    var month = "2026-10"

    @Option(parsing: .unconditional, help: ArgumentHelp("How many orgs send traffic, 1 to 1000.", valueName: "count"))
    var orgs = 12

    @Option(parsing: .unconditional, help: ArgumentHelp("How many response records to write; requests.csv gets one row per record.", valueName: "count"))
    var records = 50_000

    @Option(parsing: .unconditional, help: ArgumentHelp("The seed of the pseudo-random numbers, 0 or more; the same seed writes the same bytes.", valueName: "n"))
    var seed = 7

    @Option(help: ArgumentHelp("The folder to write the sample files into, created if missing; existing files are replaced.", valueName: "folder"))
    var out = "sample"

    @Option(help: ArgumentHelp("Write the file of the profile's kind in that input profile's shape (a YAML file, or a shipped profile's name), named KIND.NAME.jsonl, instead of the documented one.", valueName: "file|name"))
    var profile: String?

    @Flag(help: "Also add a few bad lines (malformed JSON and CSV, a secret in a header) to test quarantine (default: off).")
    var withBadLines = false

    var sampleConfiguration: SampleConfiguration {
        SampleConfiguration(month: month, orgs: orgs, records: records, seed: UInt64(max(0, seed)), withBadLines: withBadLines)
    }

    func validate() throws {
        guard seed >= 0 else {
            throw ValidationError("--seed must be 0 or more; got \(seed).")
        }
        do {
            try sampleConfiguration.validate()
        } catch let error as SampleConfigurationError {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        var inputProfile: InputProfile?
        if let profile {
            do {
                inputProfile = try InputProfileLoader.load(profile)
            } catch {
                throw refuseProfile(error, profile)
            }
        }
        let summary: SampleSummary
        var responsesPath = (out as NSString).appendingPathComponent(SampleGenerator.responsesFileName)
        var requestsPath = (out as NSString).appendingPathComponent(SampleGenerator.requestsFileName)
        do {
            summary = try SampleGenerator(configuration: sampleConfiguration).write(to: URL(fileURLWithPath: out))
            if let inputProfile {
                let written = try SampleProfileShape.rewrite(folder: URL(fileURLWithPath: out), profile: inputProfile)
                let path = (out as NSString).appendingPathComponent(SampleProfileShape.fileName(for: inputProfile))
                if inputProfile.kind == .responses { responsesPath = path } else { requestsPath = path }
                _ = written
            }
        } catch let error as SampleWriteError {
            throw failure(error.description)
        }
        try say("\(responsesPath): \(summary.responseRecords) response records")
        try say("\(requestsPath): \(summary.requestLogRows) request-log rows")
        if let inputProfile {
            try say("\(inputProfile.kind == .responses ? responsesPath : requestsPath): in the shape of profile \(inputProfile.name); ingest it with --profile \(profile!)")
        }
        let provider = summary.providerDiscrepancies
        try say("\(summary.providerUsageFile.path) and \(summary.providerInvoiceFile.path): the provider's usage export and invoice, differing from the truth by:")
        if let double = provider.doubleBilled { try say("  \(double.generationId) (\(double.orgId) \(double.version.rawValue)) listed twice and invoiced twice") }
        if let never = provider.neverReceived { try say("  \(never.generationId) (\(never.orgId) \(never.version.rawValue)) listed and invoiced, never received") }
        if let over = provider.overcharged { try say("  \(over.orgId) \(over.version.rawValue) invoiced \(over.amount) above its price") }
        try say("month \(month), \(orgs) orgs, seed \(seed)")
        if !summary.badLines.isEmpty {
            try say("bad lines added (\(summary.malformedLines) malformed, to be quarantined):")
            for line in summary.badLines {
                let name = ((line.file == .responses ? responsesPath : requestsPath) as NSString).lastPathComponent
                let note = line.kind.isMalformed ? "" : " (well-formed; the secret must be redacted)"
                try say("  \(name):\(line.lineNumber) \(line.kind.rawValue)\(note)")
            }
        }
        try say("responses by HTTP status: " + summary.statusCounts.map { "\($0.httpStatus) \($0.records)" }.joined(separator: ", "))
        try say("billed generations: \(summary.totalBilledGenerations)")
        let width = max(6, summary.billedGenerations.map(\.orgId.count).max() ?? 0)
        try say("  " + "org".padding(toLength: width, withPad: " ", startingAt: 0) + "  version  generations")
        for line in summary.billedGenerations {
            let count = String(line.generations)
            try say("  " + line.orgId.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(line.version.rawValue)       "
                  + String(repeating: " ", count: max(0, 11 - count.count)) + count)
        }
    }
}
