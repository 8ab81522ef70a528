import ArgumentParser
import AxisLedger

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the main job on sample data: generate a month, ingest it, price it and write the reports.",
        discussion: """
            Everything lands in the output folder: sample/ (the generated input), ledger.sqlite \
            (a fresh ledger), pricing.yaml (the example rules of docs/pricing.example.yaml) and \
            reports/2026-10/. Running it again replaces them. Its reports for the default sample \
            are committed under reports/example/.
            """)

    @Option(help: ArgumentHelp("The folder for the demo's files.", valueName: "folder"))
    var out = "demo"

    func run() throws {
        let demo = Demo(folder: out)
        let result: Demo.Result
        do {
            result = try demo.run { print("demo: \($0)") }
        } catch {
            throw failure("demo failed: \(error)")
        }
        print("")
        for ingest in result.ingests { print("ingested " + IngestSummary.line(for: ingest)) }
        print("")
        print("In \(out)/:")
        print("  \(result.sampleFiles.joined(separator: ", "))  the sample input")
        print("  \(result.database)  the ledger (try: axis-ledger sql --db \(out)/\(result.database) \"SELECT * FROM monthly_usage\")")
        print("  \(result.pricingFile)  the pricing rules")
        for file in result.reportFiles { print("  \(file)") }
        print("")
        print(ReportSummary.line(for: result.report))
    }
}
