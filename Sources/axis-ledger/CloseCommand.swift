import ArgumentParser
import AxisLedger
import Foundation

struct CloseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close",
        abstract: "Close an ended month: write its report as report does and record it in the ledger as issued.",
        discussion: """
            Records the statements as issued (every line), the pricing file's text and SHA-256, the billed \
            generations counted, the files the month was computed from, every file of the report set with \
            its SHA-256, who closed it ($USER, else $LOGNAME, else the uid), when, and the note; then writes \
            OUT/MONTH/ from what was stored. All of it is one transaction: a close that is interrupted leaves \
            the month open.

            From then on `report --month MONTH` writes the issued files byte for byte, with a Changes since \
            close section and changes_since_close.csv when the ledger now counts the month differently, and \
            the next open month's statements carry the difference as adjustment lines (docs/billing.md, \
            "Closed months and corrections").

            A month already closed, or one that has not ended yet in every org's time zone (UTC for an org \
            without `timezone:`; the refusal says when it can be closed), is refused and nothing changes. Each \
            org is issued its own month: its local month when it has a zone (docs/pricing.md, "Time zones"). \
            Exit status: 0 closed; 1 refused or an error.

            Examples:
              axis-ledger close --month 2026-10 --pricing pricing.yaml --note "as sent"
              axis-ledger close --pricing pricing.yaml
            """)

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var month: MonthOption

    @Option(help: ArgumentHelp("Pricing rules to issue the statements under (required). See docs/pricing.md.", valueName: "file"))
    var pricing: String

    @Option(help: ArgumentHelp("The folder that receives MONTH/ with the issued report files.", valueName: "folder"))
    var out = "reports"

    @Option(help: ArgumentHelp("Why or how the month was closed, kept with it (secrets redacted).", valueName: "text"))
    var note: String?

    func run() throws {
        let month = try self.month.resolve(command: "close")
        let ledger = try openLedger(database.path)
        do {
            let rules = try PricingRules.loadForReport(path: pricing)
            let text = String(decoding: FileManager.default.contents(atPath: pricing) ?? Data(), as: UTF8.self)
            let result = try MonthCloser(ledger: ledger).close(month: month, rules: rules, pricingText: text, note: note,
                                                                closedBy: MonthCloser.currentUser(), outputFolder: out)
            for file in result.files { try say(file) }
            try say(ReportSummary.line(for: result.report))
            try say("\(month) closed on \(result.closed.closedAt) by \(result.closed.closedBy): these files are now the issued ones; "
                + "later differences go into the next open month as adjustments.")
        } catch let error as PricingError {
            throw failure(error.description)
        } catch let error as ReportError {
            throw failure(error.description)
        } catch let error as ClosingError {
            throw failure(error.description)
        }
    }
}
