import ArgumentParser
import AxisLedger

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Ingest files (in progress).")
    @OptionGroup var database: DatabaseOptions
    func run() throws {}
}
