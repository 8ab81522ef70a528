import ArgumentParser
import AxisLedger

struct PricingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "Check and show pricing rules.",
        discussion: """
            The pricing file (YAML) sets the currency, the plans and which plan each org is on; see docs/pricing.md.

            Examples:
              axis-ledger pricing check pricing.yaml
              axis-ledger pricing check --format json pricing.yaml
              axis-ledger pricing zones pricing.yaml
            """,
        subcommands: [Check.self, Zones.self])
}

extension PricingCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a pricing file and print its plans in words.",
            discussion: """
                Exit status 0 when the file is valid; 1 with every problem listed on standard error, one per line \
                (file:line: key path: what to do). With --format json the verdict and every problem are one JSON \
                object on standard output instead (docs/pricing.md).

                Examples:
                  axis-ledger pricing check pricing.yaml
                  axis-ledger pricing check --format json pricing.yaml | jq .problems
                """)

        @Argument(help: ArgumentHelp("The pricing file to check (YAML; no default).", valueName: "file"))
        var file: String

        @Option(help: "text for people, json for a script: one object with the verdict and every problem (docs/json-output.md).")
        var format: TextOrJSON = .text

        func run() throws {
            if format == .text, let problem = PathProblem.unreadableFile(file) {
                throw failure("pricing check: " + problem.sentence(path: file, what: "a pricing file"))
            }
            do {
                let rules = try PricingRules.load(path: file)
                if format == .json { return try emitJSONLine(PricingCheckJSON(file: file, rules: rules)) }
                try say("\(file): valid pricing rules")
                try say(PricingRulesSummary.render(rules), terminator: "")
            } catch let error as PricingError {
                if format == .json { try emitJSONLine(PricingCheckJSON(file: file, error: error)) }
                for problem in error.problems where format == .text {
                    FileHandleOutput.standardError.write(TerminalText.escapedKeepingLineBreaks("\(problem)") + "\n")
                }
                let count = error.problems.count
                throw failure("\(file): \(count == 1 ? "1 problem" : "\(count) problems") found; fix and check again")
            }
        }
    }
}

extension PricingCommand {
    struct Zones: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "zones",
            abstract: "Record the pricing file's org time zones in the ledger, for the local-month views.",
            discussion: """
                Fills org_time_zones (each org with `timezone:`) and month_bounds (each zone's months, 2000-01 to \
                2099-12, as UTC instants) from the file, replacing what was there, so that the views \
                billed_generations_local and monthly_usage_local count each org's local month as `report` does \
                (docs/schema.md, "Local months"). `close` records the pricing it closes with the same way. A file \
                without time zones empties both tables: every org's month is then its UTC month.

                Examples:
                  axis-ledger pricing zones pricing.yaml
                  axis-ledger pricing zones --db ledger.sqlite pricing.yaml
                """)

        @OptionGroup var database: DatabaseOptions

        @Argument(help: ArgumentHelp("The pricing file whose org time zones to record (YAML; no default).", valueName: "file"))
        var file: String

        func run() throws {
            let ledger = try openLedger(database.path)
            do {
                let rules = try PricingRules.loadForReport(path: file)
                let recorded = try LocalMonthTables.record(ledger: ledger, rules: rules)
                if recorded.orgs.isEmpty {
                    try say("\(file): no org has a timezone; org_time_zones and month_bounds are empty: every org's month is its UTC month")
                } else {
                    let orgs = recorded.orgs.map { "\($0.orgId) \($0.timeZone)" }.joined(separator: ", ")
                    try say("\(file): recorded \(recorded.orgs.count) org\(recorded.orgs.count == 1 ? "" : "s") with a time zone (\(orgs)) "
                        + "and \(recorded.months) month bounds of \(recorded.zones.count) zone\(recorded.zones.count == 1 ? "" : "s"); "
                        + "billed_generations_local and monthly_usage_local now count their local months")
                }
            } catch let error as PricingError {
                for problem in error.problems {
                    FileHandleOutput.standardError.write(TerminalText.escapedKeepingLineBreaks("\(problem)") + "\n")
                }
                throw failure("\(file): fix the pricing file (`axis-ledger pricing check \(file)`) and record its zones again; nothing was changed")
            }
        }
    }
}
