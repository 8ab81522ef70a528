import ArgumentParser
import AxisLedger
import Foundation

struct CreditsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credits",
        abstract: "List each org's prepaid credit balance per grant for a month.",
        discussion: """
            One row per org and grant, by org, then in the order grants are drawn (earliest expiry \
            first, then earliest granted, then as listed): org_id, month, granted (the grant's first \
            month), amount (what it was worth), used (drawn this month), remaining (carried to the next \
            month), expires (its last month; empty: never) and lapsed (what it had left when it expired, \
            shown once, in the month after expires; else 0). A grant appears in every month it is in \
            force and once more in the month after it expires. Grants come from the pricing file's \
            `credits:` under an org (docs/pricing.md, "Prepaid credits").

            A month's balance depends on every earlier month since the first grant: an open month is \
            rated from the ledger as it is now, a closed month keeps what its issued statements drew. \
            The figures are those of `axis-ledger report` for the same month and pricing file. Read-only.

            Examples:
              axis-ledger credits --month 2026-11 --pricing pricing.yaml
              axis-ledger credits --month 2026-11 --format csv > credits.csv
              axis-ledger credits --month 2026-11 --format json | jq '.[0].remaining'
            """)

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var month: MonthOption

    @Option(help: ArgumentHelp("Pricing rules with the grants (default: ./pricing.yaml when it exists). See docs/pricing.md.", valueName: "file"))
    var pricing: String?

    @Option(name: .long, help: ArgumentHelp(
        "Output format: table, csv or json (default: table on a terminal, else csv). JSON: one array of objects, money as decimal text (docs/json-output.md).",
        valueName: "format"))
    var format: String?

    static let formats: [QueryOutputFormat] = [.table, .csv, .json]

    func validate() throws {
        if let format, !Self.formats.contains(where: { $0.rawValue == format }) {
            throw ValidationError("Unknown --format '\(format)'; use one of: \(Self.formats.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() throws {
        let month = try self.month.resolve(command: "credits")
        guard let pricingPath = pricing ?? (FileManager.default.fileExists(atPath: "pricing.yaml") ? "pricing.yaml" : nil) else {
            throw failure("credits: no pricing file; the grants are in it: pass --pricing FILE (or run where pricing.yaml is)")
        }
        let outputFormat = format.flatMap(QueryOutputFormat.init(rawValue:))
            ?? .standard(outputIsTerminal: FileHandleOutput.standardOutput.isTerminal)
        let ledger = try openLedger(database.path, readOnly: true)
        do {
            let rules = try PricingRules.loadForReport(path: pricingPath)
            if rules.orgsWithCredits.isEmpty {
                FileHandleOutput.standardError.write(TerminalText.escaped(
                    "credits: \(pricingPath) grants no prepaid credits (add `credits:` under an org, docs/pricing.md)") + "\n")
            }
            try emit(outputFormat.render(try CreditListing.list(ledger: ledger, month: month, rules: rules)))
        } catch let error as PricingError {
            throw failure(error.description)
        } catch let error as ReportError {
            throw failure(error.description)
        }
    }
}
