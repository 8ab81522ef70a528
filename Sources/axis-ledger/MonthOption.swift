import ArgumentParser
import AxisLedger

/// `--month`, shared by the commands that work on one month (`report`,
/// `reconcile`; `close` at its merge): `YYYY-MM`, `last`, `this`, or left
/// out for the last complete UTC month, which is then said on standard
/// error before anything else (``MonthChoice``).
struct MonthOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The UTC month: YYYY-MM, last (the last complete month) or this (the current one) (default: the last complete month, said on standard error).",
        valueName: "month"),
        completion: .list(["last", "this"]))
    var month: String?

    var choice: MonthChoice { month.flatMap(MonthChoice.init(argument:)) ?? .omitted }

    func validate() throws {
        if let month, MonthChoice(argument: month) == nil { throw ValidationError(MonthChoice.invalidMessage(month)) }
    }

    /// The month as `YYYY-MM`, saying on standard error which month was
    /// taken when the user did not name one. `command` names the subcommand.
    func resolve(command: String) throws -> String {
        guard let now = CommandClock.now() else {
            throw failure("\(CommandClock.environmentVariable) is set but is not an RFC 3339 UTC timestamp (e.g. 2026-12-01T00:00:00Z); unset it to use the clock.")
        }
        if let notice = choice.notice(command: command, now: now) {
            FileHandleOutput.standardError.write(TerminalText.escaped(notice) + "\n")
        }
        return choice.resolved(now: now)
    }
}
