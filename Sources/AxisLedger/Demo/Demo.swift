import Foundation

/// The main job on sample data: generate a month, ingest it into a fresh
/// ledger, close it with the example rules (writing its reports), ingest a
/// late file that changes the closed month, write the closed month's report
/// with its changes and the next month's with the adjustment, and reconcile
/// the sample's provider invoice and usage export with the ledger.
///
/// Everything lands in one folder; paths recorded in the ledger are relative
/// to it, so the reports are the same bytes wherever the demo runs (the
/// committed `reports/example/` is one such run).
public struct Demo {
    public static let sample = SampleConfiguration(month: "2026-10", orgs: 12, records: 50_000, seed: 7, withBadLines: true)
    /// The month after the sample's, which carries the adjustment.
    public static let nextMonth = "2026-11"
    /// The demo closes as this user at this time, so its reports are the same bytes on every run.
    public static let closedBy = "demo"
    public static let closedAt = Date(timeIntervalSince1970: 1_793_610_000)  // 2026-11-02T09:00:00Z
    /// The late file: two October generations of org_stark the first files did
    /// not hold, arriving after October was closed.
    public static let lateFile = "sample/late-2026-10.jsonl"
    /// The provider's price list (docs/provider-pricing.example.yaml), which the reconciliation rates the ledger with.
    public static let providerPricingFile = "provider-pricing.yaml"
    public static let lateLines = [
        #"{"timestamp":"2026-10-31T23:58:10.000Z","orgId":"org_stark","endpoint":"/v1/generate-image","httpStatus":200,"requestId":"req_late_0001","durationMs":2400,"response":{"success":true,"generationId":"gen_late_000000000001","providerLatencyMs":2100}}"#,
        #"{"timestamp":"2026-10-31T23:59:40.000Z","orgId":"org_stark","endpoint":"/v2/cinematic-image","httpStatus":200,"requestId":"req_late_0002","durationMs":4100,"response":{"success":true,"generationId":"gen_late_000000000002","semanticTranslationMs":910,"providerLatencyMs":3050}}"#,
    ]

    /// Where the demo put things, relative to its folder.
    public struct Result {
        public var folder: String
        public var sampleFiles: [String]
        public var database: String
        public var pricingFile: String
        public var reportFiles: [String]
        public var ingests: [FileIngestReport]
        public var report: MonthReport
        /// The closed month after the late file: its changes and pending adjustments.
        public var closed: ClosedMonthReport
        /// The late file's ingest.
        public var lateIngest: FileIngestReport
        /// The next month's report, whose statements carry the adjustment.
        public var nextReport: MonthReport
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

        step("closing \(Demo.sample.month) with the example rules and writing its reports")
        let pricingFile = "pricing.yaml"
        try Data(PricingExample.yaml.utf8).write(to: URL(fileURLWithPath: path(pricingFile)))
        let rules = try PricingRules.loadForReport(path: path(pricingFile))
        let closing = try MonthCloser(ledger: ledger).close(month: Demo.sample.month, rules: rules, pricingText: PricingExample.yaml,
                                                           note: "demo: October as sent", closedBy: Demo.closedBy,
                                                           now: Demo.closedAt, outputFolder: path("reports"))
        let report = closing.report

        step("ingesting a late file into the closed month and writing \(Demo.sample.month) and \(Demo.nextMonth) again")
        try Data((Demo.lateLines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path(Demo.lateFile)))
        let lateIngest = ingestor.ingest(path: path(Demo.lateFile))
        if case .refused(let error) = lateIngest.outcome { throw error }
        guard let closed = try ClosedMonthReport.load(ledger: ledger, month: Demo.sample.month) else { throw ReportError.badMonth(Demo.sample.month) }
        let written = try closed.write(to: path("reports"))
        // Written as OUT/MONTH/NAME, NAME being statements/ORG.md for a statement.
        let reportsFolder = URL(fileURLWithPath: path("reports")).path + "/"
        let relative = { (file: String) in "reports/" + (file.hasPrefix(reportsFolder) ? String(file.dropFirst(reportsFolder.count)) : file) }
        var reportFiles = written.map(relative)
        let nextReport = try MonthReportBuilder(ledger: ledger).build(month: Demo.nextMonth, rules: rules)
        reportFiles += try ReportWriter().write(nextReport, to: path("reports")).map(relative)

        step("reconciling the provider's invoice and usage export with the ledger, at the provider's prices")
        try Data(ProviderPricingExample.yaml.utf8).write(to: URL(fileURLWithPath: path(Demo.providerPricingFile)))
        let providerRules = try PricingRules.loadForReport(path: path(Demo.providerPricingFile))
        let reconciliation = try Reconciler(ledger: ledger).reconcile(
            month: Demo.sample.month,
            invoicePath: path("sample/" + SampleGenerator.providerInvoiceFileName),
            usageExportPath: path("sample/" + SampleGenerator.providerUsageFileName),
            rules: providerRules, tolerance: Reconciler.defaultTolerance)
        reportFiles += try ReconciliationWriter().write(reconciliation, to: path("reports"))
            .map(relative)
            .filter { !reportFiles.contains($0) }
        return Result(folder: folder, sampleFiles: sampleFiles, database: database, pricingFile: pricingFile,
                      reportFiles: reportFiles, ingests: ingests, report: report, closed: closed, lateIngest: lateIngest,
                      nextReport: nextReport, reconciliation: reconciliation)
    }
}
