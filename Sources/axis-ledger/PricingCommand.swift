import ArgumentParser
import AxisLedger

struct PricingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pricing",
        abstract: "Check and show pricing rules.",
        discussion: "The pricing file (YAML) sets the currency, the plans and which plan each org is on; see docs/pricing.md.",
        subcommands: [Check.self])
}

extension PricingCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a pricing file and print its plans in words.",
            discussion: "Exit status 0 when the file is valid; 1 with every problem listed on standard error, one per line (file:line: key path: what to do).")

        @Argument(help: ArgumentHelp("The pricing file to check (YAML; no default).", valueName: "file"))
        var file: String

        func run() throws {
            do {
                let rules = try PricingRules.load(path: file)
                try say("\(file): valid pricing rules")
                try say(PricingRulesSummary.render(rules), terminator: "")
            } catch let error as PricingError {
                for problem in error.problems {
                    FileHandleOutput.standardError.write(TerminalText.escapedKeepingLineBreaks("\(problem)") + "\n")
                }
                let count = error.problems.count
                throw failure("\(file): \(count == 1 ? "1 problem" : "\(count) problems") found; fix and check again")
            }
        }
    }
}
