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
            """,
        subcommands: [Check.self])
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
