import ArgumentParser
import AxisLedger

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that the ledger is whole: integrity, file counts, billed generations traced to stored lines.",
        discussion: """
            Run it after a crash or a full disk, after restoring a backup, and before signing a month off. \
            It only reads. With --reread-files it also reads every ingested file again, where it was \
            ingested from, up to the size then recorded, and checks that its lines are the lines counted; \
            files gone or changed since are listed as not checked. Exit status: 0 when every check passes, \
            1 when any fails (each problem is printed).

            Examples:
              axis-ledger verify
              axis-ledger verify --reread-files --format json
            """)

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .customLong("reread-files"),
          help: "Also read each ingested file again (at ingested_files.source_path, up to its recorded size) and check its line counts against those bytes; slow, it reads every file. Files gone or changed since are listed as not checked.")
    var rereadFiles = false

    @Option(help: "text for people, json for a script: one object with every check (docs/json-output.md).")
    var format: TextOrJSON = .text

    func run() throws {
        let ledger = try openLedger(database.path, readOnly: true)
        let checks = try LedgerVerifier(ledger: ledger).run(rereadingFiles: rereadFiles)
        if format == .json { try emitJSONLine(VerifyJSON(database: database.path, checks: checks)) }
        for check in checks where format == .text {
            try say("\(check.passed ? "ok  " : "FAIL") \(check.name)")
            for problem in check.problems { try say("     \(problem)") }
            for skipped in check.notChecked { try say("     \(skipped)") }
        }
        if checks.contains(where: { !$0.passed }) {
            throw failure("\(database.path): \(checks.filter { !$0.passed }.count) check(s) failed")
        }
    }
}
