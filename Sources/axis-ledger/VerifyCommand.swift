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

            With --quick it runs SQLite's quick_check and each file's recorded counts only: a few \
            passes over the tables, for right after a crash or a full disk, or a nightly job. The full \
            verify also compares every index entry with its row and recomputes billing from every \
            record: run it before signing a month off. docs/reliability.md lists what each runs. \
            On a terminal, each check is shown on standard error as it starts.

            Examples:
              axis-ledger verify
              axis-ledger verify --quick
              axis-ledger verify --reread-files --format json
            """)

    @OptionGroup var database: DatabaseOptions

    @Flag(name: .customLong("reread-files"),
          help: "Also read each ingested file again (at ingested_files.source_path, up to its recorded size) and check its line counts against those bytes; slow, it reads every file. Files gone or changed since are listed as not checked.")
    var rereadFiles = false

    @Flag(name: .long,
          help: "Check only SQLite's quick_check and each file's recorded counts against its stored lines; a fraction of a full verify's time (default: every check).")
    var quick = false

    @Option(help: "text for people, json for a script: one object with every check (docs/json-output.md).")
    var format: TextOrJSON = .text

    func run() throws {
        let ledger = try openLedger(database.path, readOnly: true)
        let bar = ProgressBar(label: "verify")
        let checks = try LedgerVerifier(ledger: ledger).run(depth: quick ? .quick : .full, rereadingFiles: rereadFiles) { step, steps, name in
            bar.say("[\(step)/\(steps)] \(name)…")
        }
        bar.finish()
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
