import ArgumentParser
import AxisLedger

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the main job on sample data: generate a month, ingest it, price it, write the reports and reconcile the provider's files.",
        discussion: """
            Everything lands in the output folder: sample/ (the generated input), ledger.sqlite \
            (a fresh ledger), pricing.yaml (the example rules of docs/pricing.example.yaml) and \
            reports/2026-10/ (with the reconciliation of the sample's provider invoice and usage \
            export, which differ from the ledger on purpose). Running it again replaces them. Its reports for the default sample \
            are committed under reports/example/.
            """)

    @Option(help: ArgumentHelp("The folder for the demo's files.", valueName: "folder"))
    var out = "demo"

    func run() throws {
        let demo = Demo(folder: out)
        let result: Demo.Result
        do {
            result = try demo.run { try? say("demo: \($0)") }
        } catch {
            throw failure("demo failed: \(error)")
        }
        try say("")
        for ingest in result.ingests { try say("ingested " + IngestSummary.line(for: ingest)) }
        try say("")
        try say("In \(out)/:")
        try say("  \(result.sampleFiles.joined(separator: ", "))  the sample input")
        try say("  sample/\(SampleGenerator.providerInvoiceFileName), sample/\(SampleGenerator.providerUsageFileName)  the provider's invoice and usage export")
        try say("  \(result.database)  the ledger (try: axis-ledger sql --db \(out)/\(result.database) \"SELECT * FROM monthly_usage\")")
        try say("  \(result.pricingFile)  the pricing rules")
        for line in ReportSummary.fileLines(result.reportFiles) { try say("  \(line)") }
        try say("")
        try say(ReportSummary.line(for: result.report))
        try say("")
        try say("Reconciliation with the provider's files (they differ on purpose: one generation listed twice, one the")
        try say("integration never received, one amount 2.00 above its price; see \(out)/reports/\(result.report.month)/reconciliation.md):")
        for line in result.reconciliation.verdictLines { try say(line) }
    }
}
