import ArgumentParser

/// Finds a mistyped subcommand before the argument parser does, which would
/// say only "Unexpected argument" (and `help reprot` would print the
/// top-level help with exit status 0), and suggests the nearest name.
enum CommandSuggestion {
    /// The message for the first word of `arguments` (after the program name)
    /// that should name a subcommand and does not; nil when every such word
    /// is a subcommand, or the arguments start with an option.
    static func problem(in arguments: [String], root: ParsableCommand.Type) -> String? {
        var words = arguments[...]
        var command = root
        var path = [commandName(root)]
        if words.first == "help" {
            path.append("help")
            words = words.dropFirst()
        }
        for word in words {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-") else { return nil }
            guard let next = subcommands.first(where: { commandName($0) == word }) else {
                let names = subcommands.map(commandName)
                let shown = path.joined(separator: " ")
                if let nearest = nearest(to: word, among: names) {
                    return "\(shown): unknown command '\(word)'; did you mean '\(nearest)'?"
                }
                return "\(shown): unknown command '\(word)'; the commands are: \(names.joined(separator: ", ")). See '\(shown) --help'."
            }
            command = next
            path.append(word)
        }
        return nil
    }

    static func commandName(_ command: ParsableCommand.Type) -> String {
        command.configuration.commandName ?? String(describing: command).lowercased()
    }

    /// The name closest to `word` when it is close enough to be what was meant:
    /// at most one edit in three letters, and at least one allowed.
    static func nearest(to word: String, among names: [String]) -> String? {
        let scored = names.map { (name: $0, distance: editDistance(word, $0)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }) else { return nil }
        return best.distance <= max(1, word.count / 3) ? best.name : nil
    }

    /// Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`:
    /// `reprot` is one swap from `report`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
