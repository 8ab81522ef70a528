import Foundation
import Testing

/// Issue 15, item 9: `--generate-completion-script` completes the values of
/// `--format`, `--kind` and `--month`, asked of bash itself.
struct ShellCompletionTests {
    /// What bash offers after `words` (the last one being typed, maybe empty).
    static func bashCompletions(_ words: [String]) throws -> [String] {
        let quoted = words.map { "'\($0)'" }.joined(separator: " ")
        let script = """
            source <("$0" --generate-completion-script bash)
            COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            _axis-ledger "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", "-c", script, CommandRunner.executable.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesMonthKindAndFormatValues() throws {
        #expect(try Self.bashCompletions(["axis-ledger", "report", "--month", ""]) == ["last", "this"])
        #expect(try Self.bashCompletions(["axis-ledger", "reconcile", "--month", "l"]) == ["last"])
        #expect(try Self.bashCompletions(["axis-ledger", "ingest", "--kind", ""]) == ["responses", "requests"])
        #expect(try Self.bashCompletions(["axis-ledger", "verify", "--format", ""]) == ["text", "json"])
        #expect(try Self.bashCompletions(["axis-ledger", "sql", "--format", ""]) == ["table", "csv", "json", "markdown"])
        #expect(try Self.bashCompletions(["axis-ledger", "rep"]).contains("report"))
    }

    @Test(arguments: ["zsh", "fish"])
    func zshAndFishScriptsNameTheValuesToo(_ shell: String) throws {
        let result = try CommandRunner.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        // zsh quotes each value ('last' 'this'), fish lists them in one string ('last this').
        let separator = shell == "zsh" ? "' '" : " "
        for values in [["last", "this"], ["responses", "requests"], ["text", "json"]] {
            #expect(result.stdout.contains(values.joined(separator: separator)), "\(shell): \(values)")
        }
    }
}
