import ArgumentParser
import AxisLedger

struct VoidCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "void",
        abstract: "Void an ingested file (it counts nowhere from then on), or undo a void with --undo.",
        discussion: """
            For a file ingested by mistake: the wrong month, a test log, another customer's logs. \
            Nothing is deleted. From the void on, the file's records and rejects count in no view, \
            report, reconcile or verify, except its lines that another live file also holds: those \
            are that file's lines now. Billing rule 2 is applied again to every generationId the \
            file carried, so a generation another file also carries is billed from its earliest \
            remaining record. Ingesting the file's bytes again adds nothing while it is voided.

            The void (who: $USER, else $LOGNAME, else the uid; when, UTC; the reason, secrets \
            redacted) is recorded in the file_voids table, and so is an undo, which makes the file \
            count again exactly as before. Each is one transaction: a void interrupted at any \
            moment leaves the file as it was. `axis-ledger files` lists the files and their ids; \
            docs/billing.md, "Voiding a file", says what a void changes.

            Exit status: 0 done; 1 refused (unknown id, already voided, undo of a live file) or \
            a database error, with nothing changed; 64 a mistake in the arguments (--reason missing).

            Examples:
              axis-ledger void 3 --reason "test log, not production"
              axis-ledger void --undo 3 --reason "it was production after all"
            """)

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Undo the void of FILE_ID: the file counts again.")
    var undo = false

    @Option(help: ArgumentHelp("Why the file is voided (required) or the void undone (optional); recorded, secrets redacted.", valueName: "text"))
    var reason: String?

    @Argument(help: ArgumentHelp("The file's id, as `axis-ledger files` lists it.", valueName: "file-id"))
    var fileId: Int64

    func validate() throws {
        if !undo, (reason ?? "").allSatisfy(\.isWhitespace) {
            throw ValidationError("Say why with --reason TEXT: a void is recorded with its reason (`axis-ledger void \(fileId) --reason \"test log\"`).")
        }
    }

    func run() throws {
        let ledger = try openLedger(database.path)
        let voider = FileVoider(ledger: ledger)
        let outcome: FileVoider.Outcome
        do {
            outcome = undo ? try voider.undo(fileId: fileId, reason: reason) : try voider.void(fileId: fileId, reason: reason ?? "")
        } catch let error as FileVoidError {
            throw failure("void: \(error)")
        } catch let error as LedgerError {
            throw failure(error.description)
        }
        for line in VoidMessages.summary(outcome) { try say(line) }
    }
}
