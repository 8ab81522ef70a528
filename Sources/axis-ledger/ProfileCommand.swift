import ArgumentParser
import AxisLedger
import Foundation

struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Check and try input profiles, which map a log's own shape onto the documented fields.",
        discussion: """
            An input profile (YAML) says where each documented field is in your lines: a JSON \
            Pointer, a header, a CSV column, a constant, and how times are written. Give a file, or \
            the name of a shipped profile (\(InputProfileLoader.shippedNames.joined(separator: ", "))). \
            See docs/input-formats.md, Input profiles.

            Examples:
              axis-ledger profile check my-gateway.yaml
              axis-ledger profile try snake_case logs/responses.jsonl --lines 5
            """,
        subcommands: [Check.self, Try.self, List.self])
}

/// Prints every problem of a bad profile, one per line (file:line: key path: what to write), then fails.
func refuseProfile(_ error: ProfileError, _ argument: String) -> ExitCode {
    for problem in error.problems {
        FileHandleOutput.standardError.write(TerminalText.escapedKeepingLineBreaks("\(problem)") + "\n")
    }
    let count = error.problems.count
    return failure("\(InputPath.redacted(argument)): \(count == 1 ? "1 problem" : "\(count) problems") in the profile; nothing was read")
}

extension ProfileCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate an input profile and print what it maps.",
            discussion: """
                Exit status 0 when the profile is valid; 1 with every problem listed on standard error, \
                one per line (file:line: key path: what to write instead).

                Examples:
                  axis-ledger profile check my-gateway.yaml
                  axis-ledger profile check har
                """)

        @Argument(help: ArgumentHelp("The profile: a YAML file, or a shipped profile's name.", valueName: "profile"))
        var profile: String

        func run() throws {
            let loaded: InputProfile
            do {
                loaded = try InputProfileLoader.load(profile)
            } catch {
                throw refuseProfile(error, profile)
            }
            try say(ProfileSummary.render(loaded, argument: InputPath.redacted(profile)), terminator: "")
        }
    }

    struct Try: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "try",
            abstract: "Map the first lines of a log with a profile and show what would be stored, storing nothing.",
            discussion: """
                For each line: the record it would store, as the documented JSON line, or the reason it \
                would be rejected. Nothing is stored and no ledger is opened.

                Examples:
                  axis-ledger profile try my-gateway.yaml gateway.log
                  head -3 gateway.log | axis-ledger profile try my-gateway.yaml -

                Exit status: 0 when every line tried maps; 1 when any would be rejected, the profile is \
                bad, or the log cannot be read.
                """)

        @Argument(help: ArgumentHelp("The profile: a YAML file, or a shipped profile's name.", valueName: "profile"))
        var profile: String

        @Argument(help: ArgumentHelp("The log to try (plain or gzip); `-` or nothing reads standard input.", valueName: "log"))
        var log = "-"

        @Option(help: ArgumentHelp("How many lines to try (blank lines do not count).", valueName: "N"))
        var lines = 10

        func validate() throws {
            if lines < 1 { throw ValidationError("--lines must be at least 1, found \(lines).") }
        }

        func run() throws {
            let loaded: InputProfile
            do {
                loaded = try InputProfileLoader.load(profile)
            } catch {
                throw refuseProfile(error, profile)
            }
            let tried: [ProfileTrial.Line]
            do {
                tried = try ProfileTrial.run(loaded, path: log, limit: lines)
            } catch let error as IngestError {
                throw failure("\(error)")
            } catch {
                throw failure("\(InputPath.redacted(log)): cannot be read (\(InputPath.redacted("\(error)")))")
            }
            var rejected = 0
            for line in tried {
                switch line.outcome {
                case .success(let record): try say("line \(line.number): \(record)")
                case .failure(let reason):
                    rejected += 1
                    try say("line \(line.number): rejected: \(reason.message)")
                }
            }
            let shown = log == "-" ? "standard input" : InputPath.redacted(log)
            try say("\(shown): \(tried.count) line\(tried.count == 1 ? "" : "s") tried with profile \(loaded.name): \(tried.count - rejected) map, \(rejected) would be rejected; nothing stored")
            if rejected > 0 { throw ExitCode.failure }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the shipped input profiles (kept readable in profiles/).",
            discussion: """
                Examples:
                  axis-ledger profile list
                  axis-ledger profile check snake_case
                """)

        func run() throws {
            for name in InputProfileLoader.shippedNames {
                let profile = try InputProfileLoader.load(name)
                try say("\(name)  \(profile.kind.rawValue), \(profile.format.rawValue)")
            }
        }
    }
}
