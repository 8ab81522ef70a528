import Foundation

/// The main job on sample data: generate a month, ingest it into a fresh
/// ledger, price it with the example rules, write the reports, and reconcile
/// the sample's provider invoice and usage export with the ledger.
///
/// Everything lands in one folder; paths recorded in the ledger are relative
/// to it, so the reports are the same bytes wherever the demo runs (the
/// committed `reports/example/` is one such run).
public struct Demo {
    public static let sample = SampleConfiguration(month: "2026-10", orgs: 12, records: 50_000, seed: 7, withBadLines: true)

    /// Where the demo put things, relative to its folder.
    public struct Result {
        public var folder: String
        public var sampleFiles: [String]
        public var database: String
        public var pricingFile: String
        public var reportFiles: [String]
        public var ingests: [FileIngestReport]
        public var report: MonthReport
        /// The reconciliation of the sample's provider files against the ledger
        /// (its files are among ``reportFiles``).
        public var reconciliation: Reconciliation
    }

    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Runs every step, calling `step` with a line of what is being done.
    public func run(step: (String) -> Void = { _ in }) throws -> Result {
        let root = URL(fileURLWithPath: folder)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

        step("generating \(Demo.sample.records) sample records for \(Demo.sample.month) (seed \(Demo.sample.seed))")
        let sampleFolder = root.appendingPathComponent("sample")
        _ = try SampleGenerator(configuration: Demo.sample).write(to: sampleFolder)
        let sampleFiles = ["sample/responses.jsonl", "sample/requests.csv"]

        step("ingesting them into a fresh ledger")
        let database = "ledger.sqlite"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path(database + suffix)) }
        let ledger = try LedgerDatabase(path: path(database))
        let ingestor = Ingestor(ledger: ledger)
        var ingests: [FileIngestReport] = []
        for file in sampleFiles {
            // Recorded as `sample/…`, relative to the ledger's folder, so the reports do not depend on where the demo ran.
            let report = ingestor.ingest(path: path(file))
            if case .refused(let error) = report.outcome { throw error }
            ingests.append(report)
        }

        step("pricing with the example rules and writing the reports")
        let pricingFile = "pricing.yaml"
        try Data(PricingExample.yaml.utf8).write(to: URL(fileURLWithPath: path(pricingFile)))
        let rules = try PricingRules.loadForReport(path: path(pricingFile))
        let report = try MonthReportBuilder(ledger: ledger).build(month: Demo.sample.month, rules: rules)
        let written = try ReportWriter().write(report, to: path("reports"))
        // Written as OUT/MONTH/NAME, NAME being statements/ORG.md for a statement.
        let monthFolder = URL(fileURLWithPath: path("reports")).appendingPathComponent(Demo.sample.month).path + "/"
        let relative = { (file: String) in "reports/\(Demo.sample.month)/" + (file.hasPrefix(monthFolder) ? String(file.dropFirst(monthFolder.count)) : URL(fileURLWithPath: file).lastPathComponent) }
        var reportFiles = written.map(relative)

        step("reconciling the provider's invoice and usage export with the ledger")
        let reconciliation = try Reconciler(ledger: ledger).reconcile(
            month: Demo.sample.month,
            invoicePath: path("sample/" + SampleGenerator.providerInvoiceFileName),
            usageExportPath: path("sample/" + SampleGenerator.providerUsageFileName),
            rules: rules, tolerance: Reconciler.defaultTolerance)
        reportFiles += try ReconciliationWriter().write(reconciliation, to: path("reports"))
            .map(relative)
            .filter { !reportFiles.contains($0) }
        return Result(folder: folder, sampleFiles: sampleFiles, database: database, pricingFile: pricingFile,
                      reportFiles: reportFiles, ingests: ingests, report: report,
                      reconciliation: reconciliation)
    }
}
