import ArgumentParser
import AxisLedger

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check that the ledger is whole: integrity, file counts, billed generations traced to stored lines.",
        discussion: """
            Run it after a crash or a full disk, after restoring a backup, and before signing a month off. \
            It only reads. Exit status: 0 when every check passes, 1 when any fails (each problem is printed).
            """)

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let ledger = try openLedger(database.path, readOnly: true)
        let checks = try LedgerVerifier(ledger: ledger).run()
        for check in checks {
            try say("\(check.passed ? "ok  " : "FAIL") \(check.name)")
            for problem in check.problems { try say("     \(problem)") }
        }
        if checks.contains(where: { !$0.passed }) {
            throw failure("\(database.path): \(checks.filter { !$0.passed }.count) check(s) failed")
        }
    }
}
