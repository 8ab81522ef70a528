import ArgumentParser
import AxisLedger

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the main job on sample data: generate a month, ingest it, close it, take a late file, bill the adjustment and reconcile the provider's files.",
        discussion: """
            Everything lands in the output folder: sample/ (the generated input), ledger.sqlite \
            (a fresh ledger), pricing.yaml (the example rules of docs/pricing.example.yaml: a fee, v2 \
            priced by resolution, an org billed in Berlin's months with a prepaid credit), \
            provider-pricing.yaml (the provider's price list, docs/provider-pricing.example.yaml, which \
            the reconciliation rates the ledger with), \
            reports/2026-10/ (closed, as user demo, then changed by a late file: the issued files, the \
            changes since close, and the reconciliation of the sample's provider invoice and usage \
            export, which differ from the ledger on purpose) and reports/2026-11/ (whose statement \
            carries October's adjustment). Running it again replaces them. Its reports for the default \
            sample are committed under reports/example/.

            Examples:
              axis-ledger demo
              axis-ledger demo --out /tmp/demo
            """)

    @Option(help: ArgumentHelp("The folder for the demo's files.", valueName: "folder"))
    var out = "demo"

    func run() throws {
        if let problem = outputFolderProblem(out, command: "demo", holds: "the demo's files") { throw failure(problem) }
        let demo = Demo(folder: out)
        let result: Demo.Result
        do {
            result = try demo.run { try? say("demo: \($0)") }
        } catch {
            throw failure("demo failed: \(PathProblem.describe(error))")
        }
        try say("")
        for ingest in result.ingests { try say("ingested " + IngestSummary.line(for: ingest)) }
        try say("")
        try say("In \(out)/:")
        try say("  \(result.sampleFiles.joined(separator: ", "))  the sample input")
        try say("  sample/\(SampleGenerator.providerInvoiceFileName), sample/\(SampleGenerator.providerUsageFileName)  the provider's invoice and usage export")
        try say("  \(result.database)  the ledger (try: axis-ledger sql --db \(out)/\(result.database) \"SELECT * FROM monthly_usage\")")
        try say("  \(result.pricingFile)  the pricing rules")
        try say("  \(Demo.providerPricingFile)  the provider's price list, for the reconciliation")
        for line in ReportSummary.fileLines(result.reportFiles) { try say("  \(line)") }
        try say("")
        try say("closed " + ReportSummary.line(for: result.report))
        try say("late file " + IngestSummary.line(for: result.lateIngest))
        try say(result.closed.summaryLine)
        for adjustment in result.nextReport.pricing?.adjustments ?? [] {
            let currency = result.nextReport.pricing!.rules.currency
            try say("\(Demo.nextMonth): \(adjustment.orgId) is billed \"\(adjustment.description)\", \(MoneyFormatter().format(adjustment.amount, currency: currency)) \(currency.code)")
        }
        try say("")
        try say("Reconciliation with the provider's files (they differ on purpose: one generation listed twice, one the")
        try say("integration never received, one amount 2.00 above its price, the late file's two generations, which")
        try say("the provider's export lacks, and org_acme, billed for Berlin's October while the provider bills UTC's;")
        try say("see \(out)/reports/\(result.report.month)/reconciliation.md):")
        for line in result.reconciliation.verdictLines { try say(line) }
    }
}
